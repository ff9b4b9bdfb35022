import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { assertIndustryClass } from '@leadmatch/catalog';
import { DomainError, normalizeMatchInput, type LeadView } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, file, paragraphs, problemResponses } from '@leadmatch/http';
import { getLead, LeadParams, MatchInputWithExamples, scopeOf } from '@leadmatch/leads';
import { catalogLookup, matchFacts, renderMatch, toMatchLead } from '@leadmatch/matcher';
import { latestRun, runResult } from '@leadmatch/matching';
import { briefData, type BriefData, type BriefNeeds } from '../brief-data.ts';
import { BriefRenderer } from '../renderer.ts';

/** Bounds the declared answer (the route-schema rules want every string bounded); a brief is far smaller. */
const MAX_PDF_BYTES = 20 * 1024 * 1024;

const pdf = (zh: string, en: string) => file(['application/pdf'], MAX_PDF_BYTES, zh, en);

const CONTENTS = paragraphs(
  '一到两页 A4 的中文 PDF：企业需求（行业、用途、用地亩数、建筑面积、纳税、投资、区域；不含联系人）、排名前三的园区及匹配程度、' +
    '决定排名的理由、适合的载体、相关政策与服务平台、引用的资料来源，以及园区目录版本、规则版本和日期。线索或目录未提供的信息标为“未知”或“未记载”。',
  "One or two A4 pages in Chinese (park names also in English): the enterprise's needs (industry, uses, land in 亩, building area, tax, investment, regions; " +
    'no contact), the first three parks with their fit, the reasons that decided, fitting carriers, the policies and platforms that matter most, the sources ' +
    'cited, and the catalog version, rules version and date. What the lead or the catalog does not say is printed as unknown (未知 / 未记载).',
);

const NOTES = {
  pending: '线索需求已更新，正在重新匹配；本建议书依据上一次匹配结果。',
  failed: '最近一次匹配失败；本建议书依据上一次成功的匹配结果。',
} as const;

function needsOf(lead: LeadView): BriefNeeds {
  return {
    companyName: lead.company.name,
    industry: lead.industry,
    industryCode: lead.industryCode,
    uses: lead.uses,
    landM2: lead.land?.m2 ?? null,
    buildingM2: lead.building?.m2 ?? null,
    buildingTenure: lead.building?.tenure ?? null,
    annualTaxWan: lead.annualTax?.wanCny ?? null,
    investmentWan: lead.investment?.wanCny ?? null,
    employees: lead.employees,
    regions: lead.regions,
    policyInterests: lead.policyInterests,
  };
}

const compactDate = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date).replaceAll('-', '');

/** `选址建议书-<id>-<date>.pdf`, with an ASCII fallback for clients that ignore filename*. */
function disposition(data: BriefData): string {
  const stem = `${data.leadId ? data.leadId.slice(0, 8) : 'preview'}-${compactDate(data.generatedAt)}.pdf`;
  return `attachment; filename="site-brief-${stem}"; filename*=UTF-8''${encodeURIComponent(`选址建议书-${stem}`)}`;
}

async function sendBrief(renderer: BriefRenderer, reply: FastifyReply, data: BriefData) {
  const started = performance.now();
  const { pdf, pages } = await renderer.render(data);
  // Only sizes and ids: the brief's contents stay out of the logs.
  reply.log.info({ briefBytes: pdf.length, briefPages: pages, renderMs: Math.round(performance.now() - started) }, 'brief rendered');
  return reply.type('application/pdf').header('content-disposition', disposition(data)).header('cache-control', 'no-store').send(pdf);
}

export const briefsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const renderer = new BriefRenderer();
  app.addHook('onClose', () => renderer.close());

  app.get(
    '/v1/leads/:id/brief',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['matching'],
        summary: bilingual('线索的选址建议书（PDF）', "A lead's site-selection brief (PDF)"),
        description:
          CONTENTS +
          '\n\n' +
          paragraphs(
            '依据线索最新一次匹配。尚未匹配过的线索返回 409（/problems/lead-not-matched）。',
            'From the lead’s latest match. A lead never matched yet answers 409 (/problems/lead-not-matched).',
          ),
        security,
        params: LeadParams,
        response: { 200: pdf('选址建议书', 'The brief'), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const lead = await getLead(db, request.params.id, scopeOf(request.principal));
      const run = await latestRun(db, lead.id);
      if (!run) {
        const why = lead.status === 'failed' ? 'matching it failed (see GET /v1/leads/{id}/suggestions)' : 'matching is under way, ask again in a moment';
        throw new DomainError('lead-not-matched', 409, `This lead has not been matched yet; ${why}.`);
      }
      const catalog = await app.catalog.current();
      const result = await runResult(db, catalog, run);
      const note = lead.status === 'pending' || lead.status === 'failed' ? NOTES[lead.status] : null;
      return sendBrief(renderer, reply, briefData({ leadId: lead.id, needs: needsOf(lead), result, catalog, matchedAt: run.createdAt, generatedAt: new Date(), note }));
    },
  );

  app.post(
    '/v1/match/brief',
    {
      config: { access: 'match:preview' },
      schema: {
        tags: ['matching'],
        summary: bilingual('即时试算的选址建议书（PDF），不保存', 'A site-selection brief of a match made now (PDF), storing nothing'),
        description: CONTENTS + '\n\n' + paragraphs('请求体与 POST /v1/match 相同。', 'Takes the same body as POST /v1/match.'),
        security,
        body: MatchInputWithExamples,
        response: { 200: pdf('选址建议书', 'The brief'), ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const catalog = await app.catalog.current();
      assertIndustryClass(request.body.industryCode);
      const needs = normalizeMatchInput(request.body);
      const now = new Date();
      const result = renderMatch(matchFacts(toMatchLead(needs, catalog.classifier.classify), catalog, { now }), catalogLookup(catalog));
      const companyName = request.body.company?.name.trim() ?? null;
      return sendBrief(renderer, reply, briefData({ leadId: null, needs: { ...needs, companyName }, result, catalog, matchedAt: now, generatedAt: now }));
    },
  );
};
