import type { Config } from '@leadmatch/config';
import { CatalogCache } from '@leadmatch/catalog';
import type { DatabaseHandle } from '@leadmatch/db';
import { openJobQueue, openJobWorker, type JobLog } from '@leadmatch/jobs';
import { buildHandlers } from './handlers.ts';
import { capHeapGrowth } from './heap.ts';
import { registerSchedules } from './schedules.ts';

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
  await registerSchedules(queue, config.rematchCron);
  const worker = openJobWorker({ ...store, handlers, concurrency: config.workerConcurrency });
  await worker.start();
  return {
    mode: queue.mode,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
