import type { FastifyInstance } from 'fastify';
import { Carrier, Platform, Policy, Source } from '@leadmatch/domain';
import { catalogRoutes } from './catalog-routes.ts';
import { entityRoutes } from './entity-routes.ts';
import { industryRoutes } from './industry-routes.ts';
import { inventoryRoutes } from './inventory-routes.ts';
import { parkRoutes } from './park-routes.ts';

/** The park catalog: parks and what the sources say about them, the taxonomy, imports and the change log. */
export async function catalogApi(app: FastifyInstance): Promise<void> {
  await app.register(parkRoutes, { prefix: '/v1/parks' });
  await app.register(entityRoutes({ entity: 'carriers', schema: Carrier, tag: 'catalog', noun: 'carrier', nounZh: '载体' }), { prefix: '/v1/carriers' });
  await app.register(entityRoutes({ entity: 'policies', schema: Policy, tag: 'catalog', noun: 'policy', nounZh: '政策' }), { prefix: '/v1/policies' });
  await app.register(entityRoutes({ entity: 'platforms', schema: Platform, tag: 'catalog', noun: 'service platform', nounZh: '服务平台' }), { prefix: '/v1/platforms' });
  await app.register(entityRoutes({ entity: 'sources', schema: Source, tag: 'catalog', noun: 'source', nounZh: '来源' }), { prefix: '/v1/sources' });
  await app.register(industryRoutes, { prefix: '/v1/industries' });
  await app.register(catalogRoutes, { prefix: '/v1/catalog' });
  await app.register(inventoryRoutes, { prefix: '/v1' });
}
