import type { Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { BullMqJobQueue } from './bullmq/queue.ts';
import { BullMqJobWorker } from './bullmq/worker.ts';
import type { JobHandlers } from './handlers.ts';
import { consoleLog, type JobLog } from './log.ts';
import { PostgresJobQueue } from './pgboss/queue.ts';
import { PostgresJobWorker } from './pgboss/worker.ts';
import type { JobQueue, JobWorker } from './queue.ts';

export interface JobStoreConfig {
  /** With a Redis URL jobs go through BullMQ; without one they are kept in Postgres, by pg-boss. */
  redisUrl?: string | undefined;
  db: Kysely<Database>;
  /** BullMQ's Redis key prefix; defaults to `leadmatch`. */
  prefix?: string | undefined;
  /** Defaults to the console. */
  log?: JobLog | undefined;
}

export function openJobQueue(config: JobStoreConfig): JobQueue {
  const log = config.log ?? consoleLog;
  return config.redisUrl
    ? new BullMqJobQueue({ redisUrl: config.redisUrl, prefix: config.prefix, log })
    : new PostgresJobQueue(config.db);
}

export interface JobWorkerConfig extends JobStoreConfig {
  handlers: JobHandlers;
  concurrency?: number | undefined;
  /** BullMQ only: the lock on a running job, which bounds how long a dead worker's jobs wait. */
  lockMs?: number | undefined;
}

export function openJobWorker(config: JobWorkerConfig): JobWorker {
  const log = config.log ?? consoleLog;
  return config.redisUrl
    ? new BullMqJobWorker(config.handlers, { redisUrl: config.redisUrl, prefix: config.prefix, concurrency: config.concurrency, lockMs: config.lockMs, log })
    : new PostgresJobWorker(config.db, config.handlers, { concurrency: config.concurrency, log });
}
