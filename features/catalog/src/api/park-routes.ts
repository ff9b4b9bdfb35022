import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { citedSources, namesRegion, parkContext, readPreference } from '@leadmatch/catalog-core';
import { DomainError, Park, type Park as ParkDoc } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import type { LoadedCatalog } from '../store/catalog-cache.ts';
import { entityRoutes } from './entity-routes.ts';
import { IdParams, ParkDetail, ParkListQuery, ParkPage, type ParkSummary } from './schemas.ts';
import { unknownValues } from './unknown-values.ts';

function summary(catalog: LoadedCatalog, park: ParkDoc): Static<typeof ParkSummary> {
  return {
    id: park.id,
    name: park.name,
    nameEn: park.nameEn,
    kind: park.kind,
    region: park.region,
    parentId: park.parentId,
    industries: park.industries.map(({ code, focus }) => ({ code, focus, name: catalog.taxonomy.get(code)?.name.zhHans ?? code })),
  };
}

function matchesFilter(catalog: LoadedCatalog, park: ParkDoc, query: Static<typeof ParkListQuery>): boolean {
  const { industry, region, carrierType, parentId } = query;
  if (industry) {
    const wanted = new Set([industry, ...catalog.taxonomy.descendants(industry)]);
    if (!park.industries.some((entry) => wanted.has(entry.code))) return false;
  }
  if (region && namesRegion(readPreference(region), park.region) === null) return false;
  if (carrierType && !(catalog.index.carriersOf.get(park.id) ?? []).some((carrier) => carrier.type === carrierType)) return false;
  return !parentId || park.parentId === parentId;
}

export const parkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('园区列表', 'List parks'),
        description: paragraphs(
          '筛选条件可组合。`industry` 取 GET /v1/industries 中的代码，并包含其下级代码；`region` 可为省、市或区，写法同线索的地区偏好（苏州、苏州市、江苏苏州均可）。按 id 排序，翻页时把 nextCursor 作为 cursor 传回。',
          'Filters combine. `industry` takes a code from GET /v1/industries and includes narrower codes; `region` is a province, city or district, read as a lead’s region preference is (苏州, 苏州市 and 江苏苏州 all name Suzhou). ' +
            'Ordered by id; to page, pass nextCursor back as cursor.',
        ),
        security,
        querystring: ParkListQuery,
        response: { 200: json(ParkPage, '一页园区', 'A page of parks'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const catalog = await app.catalog.current();
      const { industry, cursor, limit } = request.query;
      if (industry && !catalog.taxonomy.has(industry)) {
        throw new DomainError('validation-failed', 400, 'Unknown industry code.', [
          { pointer: '/industry', location: 'querystring', message: 'must be a code listed by GET /v1/industries' },
        ]);
      }
      const matching = catalog.snapshot.parks.filter(
        (park) => (!cursor || park.id > cursor) && matchesFilter(catalog, park, request.query),
      );
      const page = matching.slice(0, limit);
      return {
        items: page.map((park) => summary(catalog, park)),
        nextCursor: matching.length > limit ? page.at(-1)!.id : null,
        catalogVersion: catalog.snapshot.version,
      };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('园区详情：载体、政策、服务平台、产业集群及其来源', 'A park with its carriers, policies, platforms, cluster facts and their sources'),
        description: paragraphs(
          'null 表示来源没有提供该信息（未知，而不是零或没有）；`unknown` 列出所有这样的位置。',
          'Null means the sources do not say (unknown, not zero or none); `unknown` lists every such place.',
        ),
        security,
        params: IdParams,
        response: { 200: json(ParkDetail, '园区详情', 'The park'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const catalog = await app.catalog.current();
      const park = catalog.index.parks.get(request.params.id);
      if (!park) throw new DomainError('not-found', 404, 'No park with this id.');
      const context = parkContext(catalog.index, park);
      const detail = {
        park,
        parent: context.parent && { id: context.parent.id, name: context.parent.name },
        children: context.children.map((child) => ({ id: child.id, name: child.name })),
        clusterFacts: context.clusterFacts,
        carriers: context.carriers,
        policies: context.policies,
        platforms: context.platforms,
      };
      return {
        catalogVersion: catalog.snapshot.version,
        ...detail,
        sources: citedSources(catalog.index, detail),
        unknown: unknownValues(detail).filter((pointer) => pointer !== '/parent'),
      };
    },
  );

  await app.register(entityRoutes({ entity: 'parks', schema: Park, tag: 'catalog', noun: 'park', nounZh: '园区', withRead: false }));
};
