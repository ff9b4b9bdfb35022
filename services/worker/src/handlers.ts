import type { CatalogCache } from '@leadmatch/catalog';
import { purgeIdempotencyKeysOlderThan, strandedRequests, type Database } from '@leadmatch/db';
import {
  JobHandlers,
  allJobTypes,
  dispatchMatchRequests,
  matchLead,
  purgeExpired,
  purgeFinishedJobsOlderThan,
  rematchAfterCatalogChanges,
  rematchOpenLeads,
  sweepMatchRequests,
  type JobQueue,
} from '@leadmatch/jobs';
import type { Kysely } from 'kysely';
import type { FollowUpConfig } from './followups/config.ts';
import { registerFollowUpHandlers } from './followups/handlers.ts';
import { failMatchRequest, runMatchRequest } from './matching/run-match-request.ts';
import * as rematch from './matching/rematch.ts';
import { registerWebhookHandlers, type WebhookOptions } from './webhooks/handlers.ts';

export interface HandlerDependencies {
  db: Kysely<Database>;
  catalogs: CatalogCache;
  queue: JobQueue;
  /** The clock, passed to the matcher for policy validity. */
  now: () => Date;
  /** Webhook delivery overrides (tests); production defaults when absent. */
  webhooks?: WebhookOptions;
  /** Follow-up reminder timing and due-time overrides (tests use a shortened clock); production defaults when absent. */
  followUps?: FollowUpConfig | undefined;
}

/** Every job type's handler. The worker refuses to start when one is missing. */
export function buildHandlers(deps: HandlerDependencies): JobHandlers {
  const { db, catalogs, queue, now } = deps;
  const handlers = new JobHandlers()
    .on(purgeExpired, async (payload, ctx) => {
      const idempotencyKeys = await purgeIdempotencyKeysOlderThan(db, payload.idempotencyMaxAgeMs);
      const finishedJobs = await purgeFinishedJobsOlderThan(db, payload.finishedJobMaxAgeMs);
      ctx.log.info({ idempotencyKeys, finishedJobs }, 'purged expired records');
    })
    .on(matchLead, async ({ requestId }, ctx) => {
      try {
        const outcome = await runMatchRequest(db, catalogs, requestId, now(), { queue, log: ctx.log, config: deps.followUps });
        ctx.log.info({ requestId, outcome }, 'match request done');
      } catch (err) {
        if (ctx.attempt >= matchLead.attempts) await failMatchRequest(db, requestId, err instanceof Error ? err.message : String(err));
        throw err;
      }
    })
    .on(sweepMatchRequests, async ({ olderThanMs }, ctx) => {
      const stranded = await strandedRequests(db, olderThanMs, 1000);
      if (stranded.length) ctx.log.warn({ requests: stranded.length }, 'enqueueing match requests that never reached a worker');
      await dispatchMatchRequests(queue, db, stranded, ctx.log);
    })
    .on(rematchOpenLeads, async (_payload, ctx) => {
      await rematch.rematchOpenLeads({ db, queue, log: ctx.log });
    })
    .on(rematchAfterCatalogChanges, async (timing, ctx) => {
      await rematch.rematchAfterCatalogChanges({ db, queue, log: ctx.log, catalogs }, timing);
    });
  registerFollowUpHandlers(handlers, deps);
  registerWebhookHandlers(handlers, deps);
  handlers.assertComplete(allJobTypes);
  return handlers;
}
