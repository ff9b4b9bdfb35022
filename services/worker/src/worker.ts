import type { Config } from '@leadmatch/config';
import { CatalogCache } from '@leadmatch/catalog';
import { strandedRequests, type DatabaseHandle } from '@leadmatch/db';
import { dispatchMatchRequestPages, openJobQueue, openJobWorker, UnsafeRedisSettingsError, type JobLog, type JobQueue } from '@leadmatch/jobs';
import { buildHandlers } from './handlers.ts';
import { capHeapGrowth } from './heap.ts';
import { registerSchedules } from './schedules.ts';

/** Open match requests handed to the queue again at once when Redis returns; the sweeper takes any beyond. */
const REDISPATCH_LIMIT = 10_000;

export interface RunningWorker {
  mode: 'bullmq' | 'postgres';
  /** Stops taking jobs, waits for the running ones, then closes its queue connections. */
  close(): Promise<void>;
}

export async function startWorker(config: Config, database: DatabaseHandle, log: JobLog): Promise<RunningWorker> {
  capHeapGrowth();
  const store = { redisUrl: config.redisUrl, prefix: config.queuePrefix, db: database.db, log };
  const queue = openJobQueue(store);
  const handlers = buildHandlers({ db: database.db, catalogs: new CatalogCache(database.db), queue, now: () => new Date() });
  const worker = openJobWorker({ ...store, handlers, concurrency: config.workerConcurrency, lockMs: config.jobLockMs });
  await worker.start();
  await registerSchedules(queue, config.rematchCron, config.retentionDays);
  queue.onReconnected(() => void restoreQueuedWork(queue, database, config, log));
  return {
    mode: queue.mode,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}

/**
 * Redis may have come back empty, with the schedules (the sweeper among them) and the queued match
 * jobs gone: registers the schedules again and hands every open match request to the queue again,
 * rather than leaving them to the sweeper's long wait for lost jobs. Repeats add nothing but
 * idempotent work, so every worker may do it.
 */
async function restoreQueuedWork(queue: JobQueue, database: DatabaseHandle, config: Config, log: JobLog): Promise<void> {
  try {
    await registerSchedules(queue, config.rematchCron, config.retentionDays);
    const open = await strandedRequests(database.db, 0, REDISPATCH_LIMIT);
    await dispatchMatchRequestPages(queue, database.db, open, log);
    log.info({ matchRequests: open.length }, 'Redis is reachable again: schedules registered and open match requests queued again');
  } catch (err) {
    log.warn({ err }, 'could not restore schedules and match jobs after Redis returned; trying again when it reconnects');
  }
}

/** For entry points: a Redis that would lose jobs ends the process with one line saying what to fix, not a stack trace. */
export function exitOnUnsafeRedis(err: unknown): never {
  if (!(err instanceof UnsafeRedisSettingsError)) throw err;
  console.error(err.message);
  process.exit(1);
}
