import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assertIndustryClass } from '@leadmatch/catalog';
import { LeadPatch, LeadView } from '@leadmatch/domain';
import {
  bearerAuth as security,
  bilingual,
  decodeCursor,
  encodeCursor,
  json,
  type PagePosition,
  paragraphs,
  problemResponses,
} from '@leadmatch/http';
import { ledgerRoutes } from '../ledger/routes.ts';
import { dispatchMatchRequests } from '../match-requests/dispatch.ts';
import { type LeadCursor } from '../repository.ts';
import { LeadInputWithExamples } from './examples.ts';
import { openLeadIntake } from './intake.ts';
import { requestHash } from './request-hash.ts';
import {
  IdempotencyHeaders,
  LeadClose,
  LeadIntakeResult,
  LeadListQuery,
  LeadPage,
  LeadParams,
  LeadReopen,
} from './schemas.ts';
import { scopeOf } from './scope.ts';
import {
  browseLeads,
  changeLeadNeeds,
  closeLeadWithOutcome,
  eraseLeadPersonalData,
  getLead,
  recordLead,
  reopenClosedLead,
} from './service.ts';

const leadCursor = ({ at, id }: PagePosition): LeadCursor => ({ updatedAt: at, id });

export const leadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const { personalData } = app;
  const dispatch = (requestIds: string[]) => dispatchMatchRequests(app.jobs, db, requestIds, app.log);
  const intake = openLeadIntake(db, app.jobs, app.log, personalData);
  app.addHook('onClose', () => intake.drain());
  await app.register(ledgerRoutes, { prefix: '/imports' });

  app.post(
    '',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('登记线索', 'Record a lead'),
        description: paragraphs(
          '新建线索（201）；若该密钥已用同一 externalId 提交过，则更新那条线索（200）。' +
            '若该密钥已有一条未关闭的线索与之信用代码相同，或企业名称和电话都相同，则不新建，直接返回那条线索（200），并附 duplicateOf。' +
            '带 Idempotency-Key 时重复请求返回第一次的响应；同一个键配不同的请求体会被拒绝（422）。' +
            '线索在后台匹配园区，结果见 GET /v1/leads/{id}/suggestions。',
          'Creates a lead (201), or updates the lead this key already sent with the same externalId (200). ' +
            'When an open lead of this key has the same credit code, or the same company name and phone, nothing is created: ' +
            'the answer is that lead (200) with duplicateOf. ' +
            'An Idempotency-Key replays the first response; reused with a different body it is refused (422). ' +
            'Either way the lead is matched in the background: see GET /v1/leads/{id}/suggestions.',
        ),
        security,
        headers: IdempotencyHeaders,
        body: LeadInputWithExamples,
        response: {
          200: json(LeadIntakeResult, '已更新，或已有同一企业的线索', 'Updated, or the existing lead of the same company'),
          201: json(LeadIntakeResult, '已新建', 'Created'),
          ...problemResponses(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const idempotency = key ? { key, requestHash: requestHash(request.method, request.url, request.body) } : undefined;
      assertIndustryClass(request.body.industryCode);
      const recorded = await recordLead(intake, request.principal.keyId, request.body, idempotency);
      reply.code(recorded.statusCode).header('location', `/v1/leads/${recorded.lead.id}`);
      if (recorded.replayed) reply.header('idempotent-replayed', 'true');
      return recorded.lead;
    },
  );

  app.get(
    '',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['leads'],
        summary: bilingual('线索列表（按最后修改时间升序）', 'List leads, oldest change first'),
        description: paragraphs(
          'CRM 密钥只看到自己提交的线索，工作人员看到全部。游标分页：把 nextCursor 作为 cursor 传回，直到它为 null。',
          'A CRM key sees the leads it sent, staff see every lead. Cursor pagination: pass nextCursor back as cursor until it is null.',
        ),
        security,
        querystring: LeadListQuery,
        response: { 200: json(LeadPage, '一页线索', 'A page of leads'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, updatedSince, cursor, limit } = request.query;
      const filter = {
        status,
        updatedSince: updatedSince === undefined ? undefined : new Date(updatedSince),
        after: cursor === undefined ? undefined : leadCursor(decodeCursor(cursor)),
        limit,
      };
      const page = await browseLeads(db, scopeOf(request.principal), filter, personalData);
      return { items: page.leads, nextCursor: page.next && encodeCursor({ at: page.next.updatedAt, id: page.next.id }) };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['leads'],
        summary: bilingual('查看线索', 'Get a lead'),
        description: paragraphs(
          '返回线索及其需求和匹配状态。CRM 密钥只能查看自己提交的线索。',
          'The lead with its needs and matching status. A CRM key sees only the leads it sent.',
        ),
        security,
        params: LeadParams,
        response: { 200: json(LeadView, '线索', 'The lead'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getLead(db, request.params.id, scopeOf(request.principal), personalData),
  );

  app.patch(
    '/:id',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('修改线索需求', "Update a lead's needs"),
        description: paragraphs(
          'JSON merge patch：给出的字段替换原值，null 清空可选字段；修改后线索重新匹配。' +
            '个人信息已删除的线索，或改后与该密钥另一条未关闭线索属同一企业时，返回 409。',
          'JSON merge patch: fields present replace the stored ones; null clears an optional field. The lead is matched again. ' +
            '409 when its personal data was erased, or when the change makes it the same company as another open lead of this key.',
        ),
        security,
        params: LeadParams,
        body: LeadPatch,
        response: { 200: json(LeadView, '修改后的线索', 'The updated lead'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      assertIndustryClass(request.body.industryCode);
      const { lead, matchRequestId } = await changeLeadNeeds(db, request.params.id, scopeOf(request.principal), request.body, personalData);
      await dispatch([matchRequestId]);
      return lead;
    },
  );

  app.delete(
    '/:id',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('删除线索中的个人信息', "Erase a lead's personal data"),
        description: paragraphs(
          '按《个人信息保护法》删除联系人和备注，保留匿名的需求记录。重复调用没有副作用。',
          'Removes the contact and notes (personal-information law) and keeps an anonymous record of the need. ' +
            'Repeating it is harmless.',
        ),
        security,
        params: LeadParams,
        response: { 204: { type: 'null', description: bilingual('已删除', 'Erased') }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await eraseLeadPersonalData(db, request.params.id, scopeOf(request.principal));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/:id/close',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('关闭线索', 'Close a lead'),
        description: paragraphs(
          '记录结果（won 签约、lost 流失、withdrawn 撤回）。关闭后的线索不再重新匹配，不参与查重，' +
            '关闭满 RETENTION_DAYS 天后删除其个人信息。已关闭或个人信息已删除时返回 409。',
          'Records the outcome (won, lost, withdrawn). A closed lead is no longer re-matched, no longer counts for dedup, ' +
            'and its personal data is erased once it has been closed for RETENTION_DAYS. 409 when it is already closed or erased.',
        ),
        security,
        params: LeadParams,
        body: LeadClose,
        response: { 200: json(LeadView, '已关闭的线索', 'The closed lead'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => closeLeadWithOutcome(db, request.params.id, scopeOf(request.principal), request.body, personalData),
  );

  app.post(
    '/:id/reopen',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: bilingual('重新打开已关闭的线索', 'Reopen a closed lead'),
        description: paragraphs(
          '不带请求体，或传空对象。线索未关闭、个人信息已删除，或该密钥已有另一条同一企业的未关闭线索时，返回 409。',
          'No body, or an empty object. 409 when it is open, erased, or another open lead of this key now has the same company.',
        ),
        security,
        params: LeadParams,
        body: LeadReopen,
        response: { 200: json(LeadView, '重新打开的线索', 'The reopened lead'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => reopenClosedLead(db, request.params.id, scopeOf(request.principal), personalData),
  );
};
