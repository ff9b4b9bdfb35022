import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CatalogDocument, Closed, List } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import { applyCatalogEdit } from '../store/edit.ts';
import { CATALOG_ENTITIES, listCatalogChanges } from '../store/repository.ts';
import { MAX_PARKS } from './schemas.ts';

const IMPORT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const Counts = Closed(Object.fromEntries(CATALOG_ENTITIES.map((entity) => [entity, Type.Integer()])));

const Change = Closed({
  version: Type.Integer(),
  actor: Type.String({ maxLength: 100, description: 'The API key id, or "seed"' }),
  action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')]),
  entity: Type.String({ enum: [...CATALOG_ENTITIES] }),
  entityId: Type.String({ maxLength: 80 }),
  parkIds: List(Type.String({ maxLength: 80 }), MAX_PARKS, { description: 'Parks the change can affect; empty means it may reach any park' }),
  at: Type.String({ format: 'date-time' }),
});

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('目录版本及各类条目数量', 'The catalog version and how many of each entry it holds'),
        description: paragraphs(
          '目录每次修改版本号加一；匹配结果记录所用的目录版本。',
          'Every change to the catalog bumps its version; each match records the version it used.',
        ),
        security,
        response: {
          200: json(Closed({ catalogVersion: Type.Integer(), counts: Counts }), '版本与数量', 'Version and counts'),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => {
      const { snapshot } = await app.catalog.current();
      return {
        catalogVersion: snapshot.version,
        counts: Object.fromEntries(CATALOG_ENTITIES.map((entity) => [entity, snapshot[entity].length])),
      };
    },
  );

  app.post(
    '/import',
    {
      config: { access: 'catalog:write' },
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['catalog'],
        summary: bilingual('按 seeds/ 的格式批量导入', 'Bulk import in the shape of seeds/'),
        description: paragraphs(
          '新建或替换给出的每个文档，并对照数据结构和目录其余部分整体校验：要么全部写入，要么一条都不写并列出全部问题（422）。' +
            '请求体最大 16 MiB。仅管理员可用。',
          'Creates or replaces every document given, validated as a whole against the schema and the rest of the ' +
            'catalog: it all goes in, or nothing does and every problem is listed (422). Up to 16 MiB. Admins only.',
        ),
        security,
        body: CatalogDocument,
        response: {
          200: json(
            Closed({ catalogVersion: Type.Integer(), changed: Type.Integer({ description: 'Documents created or replaced' }) }),
            '已导入',
            'Imported',
          ),
          ...problemResponses(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const result = await applyCatalogEdit(app.database.db, request.principal.keyId, { upsert: request.body });
      return { catalogVersion: result.version, changed: result.changes.length };
    },
  );

  app.get(
    '/changes',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('目录变更记录（按版本顺序）', 'Who changed what, in version order'),
        description: paragraphs(
          '返回 afterVersion 之后的变更：谁（API 密钥 id 或 seed）、对哪个条目做了什么、可能影响哪些园区。',
          'The changes after afterVersion: who (an API key id, or seed) did what to which entry, and which parks it can affect.',
        ),
        security,
        querystring: Type.Object(
          {
            afterVersion: Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: json(Closed({ items: List(Change, 1000) }), '变更记录', 'The changes'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await listCatalogChanges(app.database.db, request.query.afterVersion, request.query.limit);
      return { items: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
    },
  );
};
