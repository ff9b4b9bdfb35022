import type { Metrics } from '@leadmatch/metrics';
import type { CatalogCache } from '@leadmatch/catalog';
import { purgeIdempotencyKeysOlderThan, type Database, type PersonalData } from '@leadmatch/db';
import { JobHandlers, allJobTypes, purgeExpired, purgeFinishedJobsOlderThan, type JobQueue, type JobType } from '@leadmatch/jobs';
import type { Kysely } from 'kysely';
import type { FollowUpConfig } from './followups/config.ts';
import { registerFollowUpHandlers } from './followups/handlers.ts';
import { registerMatchingHandlers } from './matching/handlers.ts';
import { registerRetentionHandlers } from './retention/handlers.ts';
import { retentionJobTypes } from './retention/job-types.ts';
import { registerWebhookHandlers, type WebhookOptions } from './webhooks/handlers.ts';

export interface HandlerDependencies {
  db: Kysely<Database>;
  catalogs: CatalogCache;
  queue: JobQueue;
  /** Opens what is sealed at rest: webhook secrets, notes. */
  personalData: PersonalData;
  /** The clock, passed to the matcher for policy validity. */
  now: () => Date;
  /** Webhook delivery overrides (tests); production defaults when absent. */
  webhooks?: WebhookOptions;
  /** Follow-up reminder timing and due-time overrides (tests use a shortened clock); production defaults when absent. */
  followUps?: FollowUpConfig | undefined;
  /** Where match durations and webhook attempts are recorded; nothing is when absent. */
  metrics?: Metrics | undefined;
}

/** Every job type a worker runs: the shared ones and those its own modules define. */
export const workerJobTypes: readonly JobType[] = [...allJobTypes, ...retentionJobTypes];

/** Every job type's handler. The worker refuses to start when one is missing. */
export function buildHandlers(deps: HandlerDependencies): JobHandlers {
  const { db } = deps;
  const handlers = new JobHandlers().on(purgeExpired, async (payload, ctx) => {
    const idempotencyKeys = await purgeIdempotencyKeysOlderThan(db, payload.idempotencyMaxAgeMs);
    const finishedJobs = await purgeFinishedJobsOlderThan(db, payload.finishedJobMaxAgeMs);
    ctx.log.info({ idempotencyKeys, finishedJobs }, 'purged expired records');
  });
  registerMatchingHandlers(handlers, deps);
  registerFollowUpHandlers(handlers, deps);
  registerWebhookHandlers(handlers, deps);
  registerRetentionHandlers(handlers, deps);
  handlers.assertComplete(workerJobTypes);
  return handlers;
}
