import { latestRun, listRuns, type StoredRun } from '@leadmatch/db';
import { Closed, LeadInput, List, normalizeLeadInput } from '@leadmatch/domain';
import { matchLead, toMatchLead } from '@leadmatch/matching';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { LeadParams, problemResponses } from '../leads/schemas.ts';
import { scopeOf } from '../leads/scope.ts';
import { getLead } from '../leads/service.ts';
import { MatchResult, MatchRun, SuggestionsResponse } from './schemas.ts';

const security = [{ bearerAuth: [] }];

function runView(run: StoredRun): Static<typeof MatchRun> {
  return {
    id: run.id,
    createdAt: run.createdAt.toISOString(),
    rulesVersion: run.rulesVersion,
    catalogVersion: run.catalogVersion,
    changes: run.changes as Static<typeof MatchRun>['changes'],
    result: run.result as Static<typeof MatchResult>,
  };
}

const MESSAGES = {
  pending: 'Matching is under way; ask again in a moment. `run` is the previous match, if any.',
  matched: 'The latest match.',
  failed: 'Matching failed; see statusReason. `run` is the last successful match, if any.',
  erased: "The lead's personal data was erased; `run` is its last match, if any.",
} as const;

export const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/v1/leads/:id/suggestions',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['matching'],
        summary: "A lead's latest ranked, explained park suggestions",
        description: '202 while the lead is waiting to be matched (after it was created or its needs changed).',
        security,
        params: LeadParams,
        response: { 200: SuggestionsResponse, 202: SuggestionsResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const lead = await getLead(db, request.params.id, scopeOf(request.principal));
      const run = await latestRun(db, lead.id);
      reply.code(lead.status === 'pending' ? 202 : 200);
      return { leadId: lead.id, status: lead.status, statusReason: lead.statusReason, message: MESSAGES[lead.status], run: run ? runView(run) : null };
    },
  );

  app.get(
    '/v1/leads/:id/match-runs',
    {
      config: { access: 'leads:read' },
      schema: {
        tags: ['matching'],
        summary: "A lead's match history, newest first",
        security,
        params: LeadParams,
        querystring: Type.Object(
          {
            before: Type.Optional(Type.String({ format: 'date-time', description: 'createdAt of the last run of the previous page' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Closed({ items: List(MatchRun, 100) }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const lead = await getLead(db, request.params.id, scopeOf(request.principal));
      const before = request.query.before === undefined ? undefined : new Date(request.query.before);
      return { items: (await listRuns(db, lead.id, request.query.limit, before)).map(runView) };
    },
  );

  app.post(
    '/v1/match',
    {
      config: { access: 'match:preview' },
      schema: {
        tags: ['matching'],
        summary: 'Match a lead now, storing nothing',
        description: 'Takes the same body as POST /v1/leads and answers with ranked, explained suggestions: for what-if checks.',
        security,
        body: LeadInput,
        response: { 200: MatchResult, ...problemResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const catalog = await app.catalog.current();
      const lead = toMatchLead(normalizeLeadInput(request.body), (text) => catalog.classifier.classify(text));
      return matchLead(lead, catalog, { now: new Date() });
    },
  );
};
