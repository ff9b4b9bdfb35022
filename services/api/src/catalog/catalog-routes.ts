import { applyCatalogEdit } from '@leadmatch/catalog';
import { CATALOG_ENTITIES, listCatalogChanges } from '@leadmatch/db';
import { CatalogDocument, Closed, List } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../leads/schemas.ts';
import { MAX_PARKS } from './schemas.ts';

const security = [{ bearerAuth: [] }];
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
        summary: 'The catalog version and how many of each entry it holds',
        security,
        response: { 200: Closed({ catalogVersion: Type.Integer(), counts: Counts }), ...problemResponses(401, 403) },
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
        summary: 'Bulk import in the shape of seeds/',
        description:
          'Creates or replaces every document given, validated as a whole against the schema and the rest of the ' +
          'catalog: it all goes in, or nothing does and every problem is listed. Up to 16 MiB.',
        security,
        body: CatalogDocument,
        response: {
          200: Closed({ catalogVersion: Type.Integer(), changed: Type.Integer({ description: 'Documents created or replaced' }) }),
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
        summary: 'Who changed what, in version order',
        security,
        querystring: Type.Object(
          {
            afterVersion: Type.Integer({ minimum: 0, default: 0 }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Closed({ items: List(Change, 1000) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await listCatalogChanges(app.database.db, request.query.afterVersion, request.query.limit);
      return { items: rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
    },
  );
};
