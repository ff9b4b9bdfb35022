import { Type } from 'typebox';
import { closed } from '@leadmatch/domain';
import { jobType, type JobType } from '@leadmatch/jobs';

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

export const matchingJobTypes: readonly JobType[] = [rematchOpenLeads, rematchAfterCatalogChanges];
