import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobHandlers } from '../handlers.ts';
import { withBindings } from '../log.ts';
import { InvalidJobPayloadError } from '../payload.ts';
import type { JobWorker } from '../queue.ts';
import { closeConnection, workerConnection } from './connections.ts';
import type { BullMqOptions } from './queue.ts';

export interface BullMqWorkerOptions extends BullMqOptions {
  /** Jobs run at once per queue; defaults to 4. */
  concurrency?: number;
}

/** One BullMQ Worker per queue that carries a job type with a handler. */
export class BullMqJobWorker implements JobWorker {
  private readonly connection: Redis;
  private workers: Worker[] = [];

  constructor(
    private readonly handlers: JobHandlers,
    private readonly options: BullMqWorkerOptions,
  ) {
    this.connection = workerConnection(options.redisUrl);
  }

  async start(): Promise<void> {
    const queueNames = new Set(this.handlers.jobTypes().map((type) => type.queue));
    this.workers = [...queueNames].map((queue) => {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: this.connection,
        prefix: this.options.prefix ?? 'leadmatch',
        concurrency: this.options.concurrency ?? 4,
      });
      worker.on('error', (err) => this.options.log.warn({ err, queue }, 'job worker connection error'));
      return worker;
    });
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
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
      if (err instanceof InvalidJobPayloadError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }
}
