import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { assertIndustryClass, type LoadedCatalog } from '@leadmatch/catalog';
import { Closed, List, normalizeMatchInput } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, explanationLanguages, json, paragraphs, problemResponses } from '@leadmatch/http';
import { getLead, LeadParams, MatchInputWithExamples, scopeOf } from '@leadmatch/leads';
import { catalogLookup, matchFacts, renderMatch, toMatchLead } from '@leadmatch/matcher';
import { latestRun, listRuns, type RunCheck, type StoredRun } from '../repository.ts';
import { runResult } from '../run-result.ts';
import { resultView, type ViewOptions } from './result-view.ts';
import { MatchResult, MatchRun, ResultQuery, SuggestionsResponse } from './schemas.ts';

function checkView(check: RunCheck | null): Static<typeof MatchRun>['checked'] {
  return check && { at: check.at.toISOString(), catalogVersion: check.catalogVersion, rulesVersion: check.rulesVersion };
}

const ANSWER_SIZE = paragraphs(
  '默认返回简要结果：前三个园区，每个园区前三项载体、政策和服务平台（附总数），理由不重复列出名称，无法判断的因素不附说明，出处见 detail=full。' +
    'Accept-Language 为 zh 或 en 时只返回该语言的说明，否则中英文都返回。',
  'Brief by default: the first three parks, the first three carriers, policies and platforms of each (with totals), reasons that do not repeat the names listed, ' +
    'no sentence for a factor that could not be judged, and sources only with detail=full. Accept-Language zh or en leaves only that language; otherwise both.',
);

const MESSAGES = {
  pending: 'Matching is under way; ask again in a moment. `run` is the previous match, if any.',
  matched: 'The latest match.',
  failed: 'Matching failed; see statusReason. `run` is the last successful match, if any.',
  erased: "The lead's personal data was erased; `run` is its last match, if any.",
} as const;

export const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function runView(run: StoredRun, catalog: LoadedCatalog, options: ViewOptions): Promise<Static<typeof MatchRun>> {
    return {
      id: run.id,
      createdAt: run.createdAt.toISOString(),
      rulesVersion: run.rulesVersion,
      catalogVersion: run.catalogVersion,
      checked: checkView(run.checked),
      changes: run.changes as Static<typeof MatchRun>['changes'],
      result: resultView(await runResult(db, catalog, run, { brief: options.detail === 'brief' }), options),
    };
  }

  app.get(
    '/v1/leads/:id/suggestions',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['matching'],
        summary: bilingual('线索最新的园区推荐（排序并附理由）', "A lead's latest ranked, explained park suggestions"),
        description: paragraphs(
          '线索刚登记或需求刚修改、仍在等待匹配时返回 202，run 为上一次匹配（如有）。匹配失败时 status 为 failed，原因见 statusReason。',
          '202 while the lead is waiting to be matched (after it was created or its needs changed); `run` is the previous match, if any. ' +
            'When matching failed, status is failed and statusReason says why.',
        ) + `\n\n${ANSWER_SIZE}`,
        security,
        params: LeadParams,
        querystring: ResultQuery,
        response: {
          200: json(SuggestionsResponse, '最新的匹配结果', 'The latest match'),
          202: json(SuggestionsResponse, '正在匹配，请稍后再查', 'Matching is under way; ask again in a moment'),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const lead = await getLead(db, request.params.id, scopeOf(request.principal));
      const run = await latestRun(db, lead.id);
      const options = { detail: request.query.detail, languages: explanationLanguages(request, reply) };
      reply.code(lead.status === 'pending' ? 202 : 200);
      return { leadId: lead.id, status: lead.status, statusReason: lead.statusReason, message: MESSAGES[lead.status], run: run ? await runView(run, await app.catalog.current(), options) : null };
    },
  );

  app.get(
    '/v1/leads/:id/match-runs',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['matching'],
        summary: bilingual('线索的匹配历史（最新在前）', "A lead's match history, newest first"),
        description: paragraphs(
          '每次匹配都保存规则版本、目录版本、结果以及与上一次相比的变化。翻页时把上一页最后一条的 createdAt 作为 before 传入。',
          'Each run keeps its rules version, catalog version, result and what changed since the previous one. ' +
            'To page, pass the createdAt of the last run of the previous page as before.',
        ) + `\n\n${ANSWER_SIZE}`,
        security,
        params: LeadParams,
        querystring: Type.Object(
          {
            before: Type.Optional(Type.String({ format: 'date-time', description: 'createdAt of the last run of the previous page' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            ...ResultQuery.properties,
          },
          { additionalProperties: false },
        ),
        response: { 200: json(Closed({ items: List(MatchRun, 100) }), '匹配记录', 'The runs'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const lead = await getLead(db, request.params.id, scopeOf(request.principal));
      const before = request.query.before === undefined ? undefined : new Date(request.query.before);
      const options = { detail: request.query.detail, languages: explanationLanguages(request, reply) };
      const runs = await listRuns(db, lead.id, request.query.limit, before);
      const catalog = await app.catalog.current();
      return { items: await Promise.all(runs.map((run) => runView(run, catalog, options))) };
    },
  );

  app.post(
    '/v1/match',
    {
      config: { access: 'match:preview' },
      schema: {
        tags: ['matching'],
        summary: bilingual('即时匹配，不保存', 'Match a lead now, storing nothing'),
        description: paragraphs(
          '请求体与 POST /v1/leads 相同（公司和联系人可省略），立即返回排序后的园区推荐，每个园区按产业、载体、政策、投入产出强度、区域和服务平台六个因素给出中英文理由和出处。' +
            '不保存线索，也不触发跟进，适合“如果……会怎样”的试算。',
          'Takes the same body as POST /v1/leads (company and contact may be left out) and answers at once with ranked park suggestions, each explained in Chinese and English ' +
            'for six factors (industry, carriers, policies, intensity, region, service platforms) with its sources. ' +
            'Stores nothing and starts no follow-up: for what-if checks.',
        ) + `\n\n${ANSWER_SIZE}`,
        security,
        querystring: ResultQuery,
        body: MatchInputWithExamples,
        response: { 200: json(MatchResult, '排序后的园区推荐', 'Ranked park suggestions'), ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const catalog = await app.catalog.current();
      assertIndustryClass(request.body.industryCode);
      const lead = toMatchLead(normalizeMatchInput(request.body), catalog.classifier.classify);
      const { detail } = request.query;
      const result = renderMatch(matchFacts(lead, catalog, { now: new Date() }), catalogLookup(catalog), { brief: detail === 'brief' });
      return resultView(result, { detail, languages: explanationLanguages(request, reply) });
    },
  );
};
