import { CatalogCache } from '@leadmatch/catalog';
import type { Config } from '@leadmatch/config';
import { personalDataFor, type DatabaseHandle } from '@leadmatch/db';
import { openJobQueue, openJobWorker, UnsafeRedisSettingsError, type JobHandlers, type JobLog, type JobQueue, type JobWorker } from '@leadmatch/jobs';
import { countLeadsByStatus, dispatchMatchRequestPages, strandedRequests } from '@leadmatch/leads';
import type { Metrics } from '@leadmatch/metrics';
import { countWebhookDeliveriesByStatus, requeuePendingWebhookDeliveries } from '@leadmatch/webhooks';
import { buildHandlers } from './handlers.ts';
import { capHeapGrowth } from './heap.ts';
import { registerSchedules } from './schedules.ts';

/** Open match requests handed to the queue again at once when the job store lost them; the sweeper takes any beyond. */
const REDISPATCH_LIMIT = 10_000;
/** How often a worker checks that the job store still holds its jobs (its restore marker). */
const LOST_JOBS_CHECK_MS = 60_000;

export interface RunningWorker {
  mode: 'bullmq' | 'postgres';
  /** Stops taking jobs, waits for the running ones, then closes its queue connections. */
  close(): Promise<void>;
}

/** Records into `metrics`: a registry of its own when the worker runs alone, the API's when in one process with it. */
export async function startWorker(config: Config, database: DatabaseHandle, log: JobLog, metrics: Metrics): Promise<RunningWorker> {
  capHeapGrowth();
  const store = { redisUrl: config.redisUrl, prefix: config.queuePrefix, db: database.db, log };
  const queue = openJobQueue(store);
  const handlers = buildHandlers({
    db: database.db,
    catalogs: new CatalogCache(database.db),
    queue,
    personalData: personalDataFor(config.piiKey),
    now: () => new Date(),
    metrics,
    webhooks: { allowedNetworks: config.webhookAllowedNetworks },
  });
  const worker = openJobWorker({ ...store, handlers, concurrency: config.workerConcurrency, lockMs: config.jobLockMs });
  countFailedAttempts(worker, handlers, metrics);
  metrics.readStores({
    jobs: queue,
    leadsByStatus: () => countLeadsByStatus(database.db),
    webhookDeliveriesByStatus: () => countWebhookDeliveriesByStatus(database.db),
  });
  await worker.start();
  await registerSchedules(queue, config.rematchCron, config.retentionDays);
  const restoreIfLost = () => void restoreQueuedWorkIfLost(queue, database, config, log);
  restoreIfLost();
  queue.onReconnected(restoreIfLost);
  const watch = setInterval(restoreIfLost, LOST_JOBS_CHECK_MS).unref();
  return {
    mode: queue.mode,
    close: async () => {
      clearInterval(watch);
      await worker.close();
      await queue.close();
    },
  };
}

/** Every job type the worker runs has its series from the start, so the first failure shows as an increase. */
function countFailedAttempts(worker: JobWorker, handlers: JobHandlers, metrics: Metrics): void {
  for (const type of handlers.jobTypes()) metrics.jobsFailed.inc({ queue: type.queue, job: type.name }, 0);
  worker.onAttemptFailed((job) => metrics.jobsFailed.inc({ queue: job.queue, job: job.name }));
}

/**
 * The job store may have lost its jobs: Redis may come back empty after a restart without persistence,
 * be flushed, fail over, or be new beside a database with pending work; pg-boss holds none in a new
 * database or after the migration that dropped the old job tables with their jobs. Its restore marker
 * then is missing, and this registers the schedules again, hands every open match request to the queue
 * again, and lets the webhook relay enqueue pending deliveries again. Reminders need nothing: their
 * sweep reads their due times from Postgres.
 * Checked at start, on every reconnect and every minute, so it does not depend on which worker saw
 * the outage. Job ids make repeats add nothing when the jobs survived, so every worker may do it.
 */
async function restoreQueuedWorkIfLost(queue: JobQueue, database: DatabaseHandle, config: Config, log: JobLog): Promise<void> {
  const store = queue.mode === 'bullmq' ? 'Redis' : 'pg-boss';
  try {
    if (!(await queue.lostJobs())) return;
    await registerSchedules(queue, config.rematchCron, config.retentionDays);
    const open = await strandedRequests(database.db, 0, REDISPATCH_LIMIT);
    await dispatchMatchRequestPages(queue, database.db, open, log);
    const deliveries = await requeuePendingWebhookDeliveries(database.db);
    await queue.markRestored();
    log.info({ matchRequests: open.length, deliveries }, `${store} held none of our jobs: schedules registered and pending work queued again`);
  } catch (err) {
    log.warn({ err }, `could not restore schedules and pending work into ${store}; trying again on the next check`);
  }
}

/** For entry points: a Redis that would lose jobs ends the process with one line saying what to fix, not a stack trace. */
export function exitOnUnsafeRedis(err: unknown): never {
  if (!(err instanceof UnsafeRedisSettingsError)) throw err;
  console.error(err.message);
  process.exit(1);
}
