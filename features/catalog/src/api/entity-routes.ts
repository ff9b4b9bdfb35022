import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { Closed, DomainError, type CatalogEntities, type CatalogEntity } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import { applyCatalogEdit, type CatalogEdit } from '../store/edit.ts';
import { findEntity, idOf } from '../store/repository.ts';
import { IdParams } from './schemas.ts';

export interface EntityRouteOptions {
  entity: CatalogEntity;
  schema: TSchema;
  tag: string;
  /** Singular noun for messages and summaries, e.g. "carrier". */
  noun: string;
  /** The same in Chinese for summaries, e.g. 载体. */
  nounZh: string;
  /** False where the resource has a richer read of its own (parks). */
  withRead?: boolean;
}

function writeResult(item: TSchema) {
  return Closed({
    catalogVersion: Type.Integer(),
    changed: Type.Boolean({ description: 'false when the document was already exactly so' }),
    item,
  });
}

async function edit(app: FastifyInstance, actor: string, change: CatalogEdit) {
  return applyCatalogEdit(app.database.db, actor, change);
}

/** A removal that would break references is a conflict with the rest of the catalog, not a bad request. */
function asConflict(error: unknown): never {
  if (error instanceof DomainError && error.code === 'catalog-invalid') {
    throw new DomainError('catalog-conflict', 409, 'Other catalog entries still refer to this one; change them first.', error.errors);
  }
  throw error;
}

/** Create, read, replace and delete for one kind of catalog document; admins write, everyone reads. */
export function entityRoutes({ entity, schema, tag, noun, nounZh, withRead = true }: EntityRouteOptions): FastifyPluginAsyncTypebox {
  const notFound = () => new DomainError('not-found', 404, `No ${noun} with this id.`);
  const aNoun = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  const idKey = entity === 'industries' ? 'code' : 'id';
  return async (app) => {
    if (withRead) app.get(
      '/:id',
      {
        config: { access: 'catalog:read' },
        schema: {
          tags: [tag],
          summary: bilingual(`查看${nounZh}`, `Get ${aNoun}`),
          description: paragraphs(`按 id 返回${nounZh}文档。`, `The ${noun} document with this id.`),
          security,
          params: IdParams,
          response: { 200: json(schema, nounZh, `The ${noun}`), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const doc = await findEntity(app.database.db, entity, request.params.id);
        if (!doc) throw notFound();
        return doc;
      },
    );

    app.post(
      '',
      {
        config: { access: 'catalog:write' },
        schema: {
          tags: [tag],
          summary: bilingual(`新增${nounZh}`, `Add ${aNoun}`),
          description: paragraphs(
            '每项事实都须引用目录中已登记的来源作为依据。目录版本加一，并记录谁做了什么修改。id 已存在时返回 409（用 PUT 替换）。仅管理员可用。',
            'Every fact needs evidence from a catalogued source. Bumps the catalog version and records who changed what. ' +
              '409 when the id exists (PUT replaces). Admins only.',
          ),
          security,
          body: schema,
          response: { 201: json(writeResult(schema), '已新增', 'Added'), ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const doc = request.body as CatalogEntities[CatalogEntity];
        const id = idOf(entity, doc as never);
        if (await findEntity(app.database.db, entity, id)) {
          throw new DomainError('already-exists', 409, `A ${noun} with id "${id}" exists; PUT replaces it.`);
        }
        const result = await edit(app, request.principal.keyId, { upsert: { [entity]: [doc] } });
        reply.code(201).header('location', `${request.url.replace(/\/$/, '')}/${id}`);
        return { catalogVersion: result.version, changed: result.changes.length > 0, item: doc };
      },
    );

    app.put(
      '/:id',
      {
        config: { access: 'catalog:write' },
        schema: {
          tags: [tag],
          summary: bilingual(`新建或替换${nounZh}`, `Create or replace ${aNoun}`),
          description: paragraphs(
            `请求体中的 ${idKey} 须与路径一致。已存在时替换（200），否则新建（201）；内容未变时 changed 为 false。仅管理员可用。`,
            `The body's ${idKey} must match the path. Replaces an existing one (200) or creates it (201); changed is false when nothing changed. ` +
              'Admins only.',
          ),
          security,
          params: IdParams,
          body: schema,
          response: {
            200: json(writeResult(schema), '已替换', 'Replaced'),
            201: json(writeResult(schema), '已新建', 'Created'),
            ...problemResponses(400, 401, 403, 413, 415, 422),
          },
        },
      },
      async (request, reply) => {
        const doc = request.body as CatalogEntities[CatalogEntity];
        const key = entity === 'industries' ? 'code' : 'id';
        if (idOf(entity, doc as never) !== request.params.id) {
          throw new DomainError('validation-failed', 422, `The body's ${key} must match the path.`, [
            { pointer: `/${key}`, location: 'body', message: `must be "${request.params.id}", the id in the path` },
          ]);
        }
        const existed = Boolean(await findEntity(app.database.db, entity, request.params.id));
        const result = await edit(app, request.principal.keyId, { upsert: { [entity]: [doc] } });
        reply.code(existed ? 200 : 201);
        return { catalogVersion: result.version, changed: result.changes.length > 0, item: doc };
      },
    );

    app.delete(
      '/:id',
      {
        config: { access: 'catalog:write' },
        schema: {
          tags: [tag],
          summary: bilingual(`删除${nounZh}`, `Delete ${aNoun}`),
          description: paragraphs('仍有其他条目引用它时拒绝删除（409）。仅管理员可用。', 'Refused (409) while other entries refer to it. Admins only.'),
          security,
          params: IdParams,
          response: { 204: { type: 'null', description: bilingual('已删除', 'Deleted') }, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        if (!(await findEntity(app.database.db, entity, request.params.id))) throw notFound();
        await edit(app, request.principal.keyId, { remove: [{ entity, id: request.params.id }] }).catch(asConflict);
        return reply.code(204).send(null);
      },
    );
  };
}
