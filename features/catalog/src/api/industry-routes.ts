import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Closed, GBT_LEVELS, Industry, List, StringEnum } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import { assertIndustryClass } from '../store/industry-code.ts';
import { entityRoutes } from './entity-routes.ts';
import { Classification, classificationView } from './industry-views.ts';

const MAX_INDUSTRIES = 5000;
const MAX_TEXT = 500;

const IndustryCodeText = Type.String({ pattern: '^([a-z0-9]+(-[a-z0-9]+)*|[A-T]([0-9]{2,4})?)$', maxLength: 60 });

const IndustryListQuery = Type.Object(
  {
    scheme: Type.Optional(
      StringEnum(['gbt4754', 'focus'] as const, { description: 'gbt4754: the GB/T 4754-2017 entries; focus: the focus codes parks declare' }),
    ),
    level: Type.Optional(StringEnum(GBT_LEVELS, { description: 'GB/T entries of this level only' })),
    parent: Type.Optional({ ...IndustryCodeText, description: 'Only the direct children of this code, e.g. C34 lists its groups' }),
  },
  { additionalProperties: false },
);

const ClassifyBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT, description: 'Simplified, Traditional or English', examples: ['螺杆空压机研发制造'] }),
    industryCode: Type.Optional(
      Type.String({ pattern: '^[A-T][0-9]{4}$', maxLength: 5, description: 'The GB/T 4754-2017 class the company is registered under, to weigh with the text' }),
    ),
  },
  { additionalProperties: false },
);

export const industryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('产业分类（国民经济行业分类与产业方向）', 'The industry taxonomy: GB/T 4754-2017 and focus codes'),
        description: paragraphs(
          '国民经济行业分类（GB/T 4754-2017）全部门类、大类、中类、小类，以及园区申报的产业方向代码（每个方向列出其涵盖的国标代码）。' +
            '可按 scheme、level 和 parent 筛选，parent 给出某一代码的直接下级。GET /v1/parks 的 industry 参数取这里的代码。',
          'Every section, division, group and class of GB/T 4754-2017, and the focus codes parks declare (each listing the GB/T codes it covers). ' +
            'Filter by scheme, level and parent (the direct children of a code). GET /v1/parks takes these codes as industry.',
        ),
        security,
        querystring: IndustryListQuery,
        response: {
          200: json(Closed({ catalogVersion: Type.Integer(), items: List(Industry, MAX_INDUSTRIES) }), '产业分类', 'The taxonomy'),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { scheme, level, parent } = request.query;
      const catalog = await app.catalog.current();
      const items = catalog.taxonomy.all().filter(
        (industry) =>
          (scheme === undefined || (scheme === 'gbt4754') === (industry.level !== undefined)) &&
          (level === undefined || industry.level === level) &&
          (parent === undefined || industry.parent === parent),
      );
      return { catalogVersion: catalog.snapshot.version, items };
    },
  );

  app.post(
    '/classify',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags: ['catalog'],
        summary: bilingual('识别自由文本所属行业', 'Classify a free-text industry'),
        description: paragraphs(
          '输入简体、繁体或英文的行业描述（如“螺杆空压机研发制造”），返回国民经济行业分类（GB/T 4754-2017）的排序结果：' +
            '每项给出门类、大类、中类、小类，所属产业方向，决定它的词和置信度；只能确定到大类或中类时就答到那一级。' +
            '可附上企业登记的行业代码 industryCode，结果说明两者是否一致、匹配以哪个为准。没有任何行业词时明确说明。',
          'Takes an industry description in Simplified or Traditional Chinese or English (e.g. 螺杆空压机研发制造) and answers with ranked ' +
            'GB/T 4754-2017 codes: each with its section, division, group and class, the focus codes it falls within, the words that decided it ' +
            'and a confidence; when only the division or group is clear it answers at that level. With the registered industryCode it says ' +
            'whether the two agree and which one matching uses. Says so plainly when no word names an economic activity.',
        ),
        security,
        body: ClassifyBody,
        response: { 200: json(Classification, '识别结果', 'The classification'), ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const catalog = await app.catalog.current();
      assertIndustryClass(request.body.industryCode);
      return classificationView(catalog.classifier.classify(request.body.text, request.body.industryCode ?? null), catalog.taxonomy);
    },
  );

  await app.register(entityRoutes({ entity: 'industries', schema: Industry, tag: 'catalog', noun: 'industry', nounZh: '产业' }));
};
