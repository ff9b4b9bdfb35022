import { Closed, Industry, List } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '../openapi-docs.ts';
import { entityRoutes } from './entity-routes.ts';

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
        summary: bilingual('产业分类', 'The industry taxonomy'),
        description: paragraphs(
          '全部产业代码及其中英文名称、上级代码和关键词；GET /v1/parks 的 industry 参数取这里的代码。',
          'Every industry code with its Chinese and English names, parent and terms; GET /v1/parks takes these codes as industry.',
        ),
        security,
        response: {
          200: json(Closed({ catalogVersion: Type.Integer(), items: List(Industry, MAX_INDUSTRIES) }), '产业分类', 'The taxonomy'),
          ...problemResponses(401, 403),
        },
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
        summary: bilingual('识别自由文本所属产业', 'Classify a free-text industry'),
        description: paragraphs(
          '输入简体、繁体或英文的产业描述（如“抗体药物研发生产”），返回带权重的产业代码和命中的词；没有命中时明确说明。',
          'Takes an industry in Simplified or Traditional Chinese or English (e.g. 抗体药物研发生产) and returns weighted industry codes ' +
            'with the words that matched; says so plainly when nothing did.',
        ),
        security,
        body: ClassifyBody,
        response: { 200: json(Classification, '识别结果', 'The classification'), ...problemResponses(400, 401, 403, 413, 415, 422) },
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

  await app.register(entityRoutes({ entity: 'industries', schema: Industry, tag: 'catalog', noun: 'industry', nounZh: '产业' }));
};
