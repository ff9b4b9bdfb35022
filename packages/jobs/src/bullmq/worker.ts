import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHandlers } from '../handlers.ts';
import { withBindings } from '../log.ts';
import { InvalidJobPayloadError } from '../payload.ts';
import type { FailedAttempt, JobWorker } from '../queue.ts';
import { closeConnection, workerConnection } from './connections.ts';
import type { BullMqOptions } from './queue.ts';
import { assertNoEviction } from './redis-settings.ts';

export interface BullMqWorkerOptions extends BullMqOptions {
  /** Jobs run at once per queue; defaults to 4. */
  concurrency?: number;
  /**
   * How long the lock on a running job lasts without renewal (renewed every half of it); a dead
   * worker's jobs go back to waiting about this long after it died. Defaults to 30 s.
   */
  lockMs?: number;
}

/**
 * How often a job may be found stalled (its worker died with it) and still go back to waiting; once
 * more it fails. More than BullMQ's 1, since a deploy or a crash loop may kill a worker twice in a
 * row, yet few enough that a job which itself kills its worker stops doing so.
 */
const MAX_STALLS = 5;
const DEFAULT_LOCK_MS = 30_000;

/** One BullMQ Worker per queue that carries a job type with a handler. */
export class BullMqJobWorker implements JobWorker {
  private readonly connection: Redis;
  private workers: Worker[] = [];
  private readonly failureListeners: ((job: FailedAttempt) => void)[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly options: BullMqWorkerOptions,
  ) {
    this.connection = workerConnection(options.redisUrl);
  }

  /** Refuses to start on a Redis that may evict keys (UnsafeRedisSettingsError); waits for Redis while it is down. */
  async start(): Promise<void> {
    const probe = this.connection.duplicate();
    try {
      await assertNoEviction(probe);
    } finally {
      await closeConnection(probe);
    }
    const lockMs = this.options.lockMs ?? DEFAULT_LOCK_MS;
    const queueNames = new Set(this.handlers.jobTypes().map((type) => type.queue));
    this.workers = [...queueNames].map((queue) => {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: this.connection,
        prefix: this.options.prefix ?? 'leadmatch',
        concurrency: this.options.concurrency ?? 4,
        lockDuration: lockMs,
        stalledInterval: lockMs,
        maxStalledCount: MAX_STALLS,
      });
      worker.on('error', (err) => this.options.log.warn({ err, queue }, 'job worker connection error'));
      return worker;
    });
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  onAttemptFailed(listener: (job: FailedAttempt) => void): void {
    this.failureListeners.push(listener);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await closeConnection(this.connection);
  }

  private async process(job: Job): Promise<void> {
    const attempt = job.attemptsMade + 1;
    const log = withBindings(this.options.log, { jobId: job.id, job: job.name, attempt });
    try {
      await this.handlers.dispatch(job.name, job.data, { jobId: job.id!, attempt, log });
    } catch (err) {
      log.warn({ err }, 'job attempt failed');
      for (const listener of this.failureListeners) listener({ queue: job.queueName, name: job.name });
      if (err instanceof InvalidJobPayloadError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }
}
