import { Closed, Industry, List } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../leads/schemas.ts';
import { entityRoutes } from './entity-routes.ts';

const security = [{ bearerAuth: [] }];
const MAX_INDUSTRIES = 2000;
const MAX_TEXT = 500;

const ClassifyBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: MAX_TEXT, description: 'Simplified, Traditional or English' }) },
  { additionalProperties: false },
);

const Classification = Closed({
  input: Type.String({ maxLength: MAX_TEXT }),
  normalized: Type.String({ maxLength: MAX_TEXT, description: 'The text as matched: Simplified Chinese, lower-case Latin' }),
  language: Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('mixed'), Type.Literal('unknown')]),
  matches: List(
    Closed({
      code: Type.String({ maxLength: 60 }),
      name: Type.String({ maxLength: 60 }),
      weight: Type.Number({ minimum: 0, maximum: 1 }),
      matchedTerms: List(Type.String({ maxLength: MAX_TEXT }), MAX_TEXT, { description: 'The words of the input that matched' }),
    }),
    MAX_INDUSTRIES,
  ),
  unmatched: Type.Boolean(),
  message: Type.String({ maxLength: 500 }),
});

export const industryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'The industry taxonomy',
        security,
        response: { 200: Closed({ catalogVersion: Type.Integer(), items: List(Industry, MAX_INDUSTRIES) }), ...problemResponses(401, 403) },
      },
    },
    async () => {
      const catalog = await app.catalog.current();
      return { catalogVersion: catalog.snapshot.version, items: catalog.taxonomy.all() };
    },
  );

  app.post(
    '/classify',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: 'Classify a free-text industry',
        description: 'Returns weighted industry codes and the words that matched; says so plainly when nothing did.',
        security,
        body: ClassifyBody,
        response: { 200: Classification, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const catalog = await app.catalog.current();
      const result = catalog.classifier.classify(request.body.text);
      return {
        ...result,
        matches: result.matches.map((match) => ({ ...match, name: catalog.taxonomy.get(match.code)?.name.zhHans ?? match.code })),
      };
    },
  );

  await app.register(entityRoutes({ entity: 'industries', schema: Industry, tag: 'catalog', noun: 'industry' }));
};
