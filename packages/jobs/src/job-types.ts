import { Type } from 'typebox';
import { jobType, type JobType } from './job-type.ts';
import { followUpJobTypes } from './job-types-followups.ts';
import { webhookJobTypes } from './job-types-webhooks.ts';

const closed = { additionalProperties: false } as const;

/** Deletes idempotency keys and finished jobs older than the given ages. */
export const purgeExpired = jobType({
  name: 'maintenance.purge-expired',
  queue: 'maintenance',
  payload: Type.Object(
    {
      idempotencyMaxAgeMs: Type.Integer({ minimum: 60_000 }),
      finishedJobMaxAgeMs: Type.Integer({ minimum: 60_000 }),
    },
    closed,
  ),
});

/** Matches one lead for one match request; the request id makes it idempotent. Carries no personal data. */
export const matchLead = jobType({
  name: 'match.lead',
  queue: 'match',
  payload: Type.Object({ requestId: Type.String({ format: 'uuid' }) }, closed),
  attempts: 5,
  backoffMs: 2000,
});

/** Most match requests in one `match.request-page` job, and in one transaction of a worker's batches. */
export const MATCH_PAGE_SIZE = 100;

/**
 * Matches a page of match requests together (re-matching many leads, one job per page rather than
 * per lead): one transaction, multi-row writes. The request ids make it idempotent; a request that
 * fails alone goes on as its own `match.lead` job, with that job's retries.
 */
export const matchRequestPage = jobType({
  name: 'match.request-page',
  queue: 'match',
  payload: Type.Object({ requestIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: MATCH_PAGE_SIZE }) }, closed),
  attempts: 5,
  backoffMs: 2000,
});

/** Enqueues match requests that were committed but never reached (or lost) their job. */
export const sweepMatchRequests = jobType({
  name: 'match.sweep-requests',
  queue: 'match',
  payload: Type.Object({ olderThanMs: Type.Integer({ minimum: 1000 }) }, closed),
  attempts: 1,
});

/** Requests a match for every open lead (the nightly re-match). */
export const rematchOpenLeads = jobType({
  name: 'match.rematch-open-leads',
  queue: 'match',
  payload: Type.Object({}, closed),
  attempts: 3,
});

/** Re-matches the leads that recent catalog changes can affect, once the changes have settled. */
export const rematchAfterCatalogChanges = jobType({
  name: 'match.catalog-changes',
  queue: 'match',
  payload: Type.Object({ quietMs: Type.Integer({ minimum: 0 }), maxDelayMs: Type.Integer({ minimum: 0 }) }, closed),
  attempts: 3,
});

export const allJobTypes: readonly JobType[] = [
  purgeExpired,
  matchLead,
  matchRequestPage,
  sweepMatchRequests,
  rematchOpenLeads,
  rematchAfterCatalogChanges,
  ...followUpJobTypes,
  ...webhookJobTypes,
];
