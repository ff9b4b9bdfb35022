import { Type } from 'typebox';
import { closed } from '@leadmatch/domain';
import { jobType, type JobType } from '@leadmatch/jobs';

/** Matches one lead for one match request; the request id makes it idempotent. Carries no personal data. */
export const matchLeadJob = jobType({
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

export const matchRequestJobTypes: readonly JobType[] = [matchLeadJob, matchRequestPage, sweepMatchRequests];
