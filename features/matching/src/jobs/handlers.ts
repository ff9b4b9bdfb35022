import type { Kysely } from 'kysely';
import type { CatalogCache } from '@leadmatch/catalog';
import { GroupCommit, isDatabaseUnavailable } from '@leadmatch/db';
import type { Database, PersonalData } from '@leadmatch/db';
import { type JobHandlers, type JobLog } from '@leadmatch/jobs';
import type { JobQueue } from '@leadmatch/jobs';
import { dispatchMatchRequests, MATCH_PAGE_SIZE, matchLeadJob, matchRequestPage, strandedRequests, sweepMatchRequests } from '@leadmatch/leads';
import { rematchAfterCatalogChanges, rematchOpenLeads } from './job-types.ts';
import type { MatchTimings } from './match-round.ts';
import { requestRematchAfterCatalogChanges, requestRematchOfOpenLeads } from './rematch.ts';
import type { RunListener } from './run-listener.ts';
import { failMatchRequest } from './run-match-request.ts';
import { runMatchRequests, type RequestOutcome } from './run-match-requests.ts';

export interface MatchingJobDependencies {
  db: Kysely<Database>;
  catalogs: CatalogCache;
  queue: JobQueue;
  /** Opens a lead's sealed notes (the matcher reads policy instruments named there). */
  personalData: PersonalData;
  /** The clock, passed to the matcher for policy validity. */
  now: () => Date;
  /** What other features do with recorded runs (the follow-up rules). */
  runListener: RunListener;
  /** Takes each lead's time in the matcher, when given. */
  matchDuration?: MatchTimings | undefined;
}

/** Two: one batch can match (CPU) while the other writes (I/O); more would only hold more results in memory. */
const BATCHES_AT_ONCE = 2;

/** A match request of a job, with the job's log (a batch's warnings go to the log of its first job). */
interface QueuedRequest {
  requestId: string;
  log: JobLog;
}

/**
 * Every match request this worker runs goes through one group commit (`GroupCommit`): the requests of the match jobs and
 * page jobs that run at once share a transaction (up to MATCH_PAGE_SIZE, two transactions at a
 * time); a request that fails in its batch is run again alone, so it fails only itself.
 */
function matchBatcher(deps: MatchingJobDependencies): GroupCommit<QueuedRequest, RequestOutcome> {
  return new GroupCommit(
    async (requests) => {
      const ids = requests.map((request) => request.requestId);
      const outcomes = await runMatchRequests(deps.db, deps.catalogs, deps.personalData, ids, deps.now(), deps.runListener, requests[0]!.log, deps.matchDuration);
      return ids.map((id) => outcomes.get(id)!);
    },
    { maxBatch: MATCH_PAGE_SIZE, maxConcurrent: BATCHES_AT_ONCE, failsEveryItem: isDatabaseUnavailable },
  );
}

/** Binds the matching job types. */
export function registerMatchingHandlers(handlers: JobHandlers, deps: MatchingJobDependencies): JobHandlers {
  const { db, catalogs, queue } = deps;
  const batcher = matchBatcher(deps);
  return handlers
    .on(matchLeadJob, async ({ requestId }, ctx) => {
      try {
        const outcome = await batcher.submit({ requestId, log: ctx.log });
        ctx.log.info({ requestId, outcome }, 'match request done');
      } catch (err) {
        if (ctx.attempt >= matchLeadJob.attempts) await failMatchRequest(db, requestId, err instanceof Error ? err.message : String(err));
        throw err;
      }
    })
    .on(matchRequestPage, async ({ requestIds }, ctx) => {
      const settled = await Promise.allSettled(requestIds.map((requestId) => batcher.submit({ requestId, log: ctx.log })));
      const failed = requestIds.filter((_, i) => settled[i]!.status === 'rejected');
      if (failed.length) {
        const err = settled.find((outcome) => outcome.status === 'rejected')?.reason as unknown;
        ctx.log.warn({ requests: failed.length, err }, 'match requests failed in their page; each goes on as a job of its own');
        await dispatchMatchRequests(queue, db, failed, ctx.log);
      }
      ctx.log.info({ requests: requestIds.length, failed: failed.length }, 'match request page done');
    })
    .on(sweepMatchRequests, async ({ olderThanMs }, ctx) => {
      const stranded = await strandedRequests(db, olderThanMs, 1000);
      if (stranded.length) ctx.log.warn({ requests: stranded.length }, 'enqueueing match requests that never reached a worker');
      await dispatchMatchRequests(queue, db, stranded, ctx.log);
    })
    .on(rematchOpenLeads, async (_payload, ctx) => {
      await requestRematchOfOpenLeads({ db, queue, log: ctx.log });
    })
    .on(rematchAfterCatalogChanges, async (timing, ctx) => {
      await requestRematchAfterCatalogChanges({ db, queue, log: ctx.log, catalogs }, timing);
    });
}
