import { sealExistingPersonalData, type PersonalData } from '@leadmatch/db';
import { dispatchMatchRequests } from '@leadmatch/jobs';
import { LeadInput, LeadPatch, LeadView } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { openLeadIntake } from './intake.ts';
import { scopeOf } from './scope.ts';
import { requestHash } from './request-hash.ts';
import {
  IdempotencyHeaders,
  LeadClose,
  LeadIntakeResult,
  LeadListQuery,
  LeadPage,
  LeadParams,
  LeadReopen,
  problemResponses,
} from './schemas.ts';
import {
  browseLeads,
  changeLeadNeeds,
  closeLeadWithOutcome,
  eraseLeadPersonalData,
  getLead,
  recordLead,
  reopenClosedLead,
} from './service.ts';

const security = [{ bearerAuth: [] }];

export interface LeadRoutesOptions {
  /** Seals contact data at rest (built from PII_KEY). */
  personalData: PersonalData;
}

export const leadRoutes: FastifyPluginAsyncTypebox<LeadRoutesOptions> = async (app, options) => {
  const db = app.database.db;
  const { personalData } = options;
  const sealed = await sealExistingPersonalData(db, personalData);
  if (sealed.leads + sealed.responses > 0) app.log.info(sealed, 'sealed personal data stored before it was sealed at rest');
  const dispatch = (requestIds: string[]) => dispatchMatchRequests(app.jobs, db, requestIds, app.log);
  const intake = openLeadIntake(db, app.jobs, app.log, personalData);
  app.addHook('onClose', () => intake.drain());

  app.post(
    '',
    {
      config: { access: 'leads:write' },
      schema: {
        tags: ['leads'],
        summary: 'Record a lead',
        description:
          'Creates a lead (201), or updates the lead this key already sent with the same externalId (200). ' +
          'When an open lead of this key has the same credit code, or the same company name and phone, nothing is created: ' +
          'the answer is that lead (200) with duplicateOf. ' +
          'An Idempotency-Key replays the first response; reused with a different body it is refused (422). ' +
          'Either way the lead is matched in the background: see GET /v1/leads/{id}/suggestions.',
        security,
        headers: IdempotencyHeaders,
        body: LeadInput,
        response: { 200: LeadIntakeResult, 201: LeadIntakeResult, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const idempotency = key ? { key, requestHash: requestHash(request.method, request.url, request.body) } : undefined;
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
        summary: 'List leads, oldest change first',
        description: 'Cursor pagination: pass nextCursor back as cursor until it is null.',
        security,
        querystring: LeadListQuery,
        response: { 200: LeadPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, updatedSince, cursor, limit } = request.query;
      const filter = {
        status,
        updatedSince: updatedSince === undefined ? undefined : new Date(updatedSince),
        after: cursor === undefined ? undefined : decodeCursor(cursor),
        limit,
      };
      const page = await browseLeads(db, scopeOf(request.principal), filter, personalData);
      return { items: page.leads, nextCursor: page.next && encodeCursor(page.next) };
    },
  );

  app.get(
    '/:id',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['leads'],
        summary: 'Get a lead',
        security,
        params: LeadParams,
        response: { 200: LeadView, ...problemResponses(400, 401, 403, 404) },
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
        summary: "Update a lead's needs",
        description: 'JSON merge patch: fields present replace the stored ones; null clears an optional field.',
        security,
        params: LeadParams,
        body: LeadPatch,
        response: { 200: LeadView, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
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
        summary: "Erase a lead's personal data",
        description:
          'Removes the contact and notes (personal-information law) and keeps an anonymous record of the need. ' +
          'Repeating it is harmless.',
        security,
        params: LeadParams,
        response: { 204: { type: 'null', description: 'Erased' }, ...problemResponses(400, 401, 403, 404) },
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
        summary: 'Close a lead',
        description:
          'Records the outcome (won, lost, withdrawn). A closed lead is no longer re-matched, no longer counts for dedup, ' +
          'and its personal data is erased once it has been closed for RETENTION_DAYS. 409 when it is already closed or erased.',
        security,
        params: LeadParams,
        body: LeadClose,
        response: { 200: LeadView, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
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
        summary: 'Reopen a closed lead',
        description: 'No body, or an empty object. 409 when it is open, erased, or another open lead of this key now has the same company.',
        security,
        params: LeadParams,
        body: LeadReopen,
        response: { 200: LeadView, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => reopenClosedLead(db, request.params.id, scopeOf(request.principal), personalData),
  );
};
