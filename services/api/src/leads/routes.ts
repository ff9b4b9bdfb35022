import { dispatchMatchRequests } from '@leadmatch/jobs';
import { LeadInput, LeadPatch, LeadView } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { openLeadIntake } from './intake.ts';
import { scopeOf } from './scope.ts';
import { requestHash } from './request-hash.ts';
import { IdempotencyHeaders, LeadListQuery, LeadPage, LeadParams, problemResponses } from './schemas.ts';
import { browseLeads, changeLeadNeeds, eraseLeadPersonalData, getLead, recordLead } from './service.ts';

const security = [{ bearerAuth: [] }];


export const leadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const dispatch = (requestIds: string[]) => dispatchMatchRequests(app.jobs, db, requestIds, app.log);
  const intake = openLeadIntake(db, app.jobs, app.log);
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
          'An Idempotency-Key replays the first response; reused with a different body it is refused (422). ' +
          'Either way the lead is matched in the background: see GET /v1/leads/{id}/suggestions.',
        security,
        headers: IdempotencyHeaders,
        body: LeadInput,
        response: { 200: LeadView, 201: LeadView, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
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
      const page = await browseLeads(db, scopeOf(request.principal), {
        status,
        updatedSince: updatedSince === undefined ? undefined : new Date(updatedSince),
        after: cursor === undefined ? undefined : decodeCursor(cursor),
        limit,
      });
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
    async (request) => getLead(db, request.params.id, scopeOf(request.principal)),
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
      const { lead, matchRequestId } = await changeLeadNeeds(db, request.params.id, scopeOf(request.principal), request.body);
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
};
