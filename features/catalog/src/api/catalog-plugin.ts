import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CatalogCache } from '../store/catalog-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: CatalogCache;
  }
}

/** The catalog kept in memory per version, for reads, classification and matching. */
export const catalog = fp(
  async (app: FastifyInstance) => {
    app.decorate('catalog', new CatalogCache(app.database.db));
  },
  { name: 'catalog', dependencies: ['resources'] },
);
