import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Static, TSchema } from 'typebox';
import type { JobType } from '../job-type.ts';
import type { JobLog } from '../log.ts';
import { assertPayload } from '../payload.ts';
import {
  knownQueues,
  SCHEDULE_TIME_ZONE,
  type BulkJob,
  type EnqueueOptions,
  type JobCounts,
  type JobQueue,
  type JobState,
  type ScheduleOptions,
} from '../queue.ts';
import { closeConnection, connected, producerConnection } from './connections.ts';
import { jobOptions } from './job-options.ts';

const readyTimeoutMs = 2000;
const BULLMQ_STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'] as const;

/** BullMQ's states as `counts` reports them: the ones that wait their turn all count as waiting. */
function ourStates(found: Record<string, number>): Record<JobState, number> {
  const of = (...states: (typeof BULLMQ_STATES)[number][]) => states.reduce((sum, state) => sum + (found[state] ?? 0), 0);
  return {
    waiting: of('waiting', 'prioritized', 'waiting-children'),
    active: of('active'),
    delayed: of('delayed'),
    failed: of('failed'),
    completed: of('completed'),
  };
}

/** The Redis key whose absence says Redis lost our jobs (see `JobQueue.lostJobs`). */
const restoreMarkerKey = (prefix: string) => `${prefix}:restored-at`;

export interface BullMqOptions {
  redisUrl: string;
  /** Namespaces every Redis key; defaults to `leadmatch`. */
  prefix?: string;
  log: JobLog;
}

export class BullMqJobQueue implements JobQueue {
  readonly mode = 'bullmq';
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(private readonly options: BullMqOptions) {
    this.connection = producerConnection(options.redisUrl);
    this.connection.on('error', (err) => options.log.warn({ err }, 'job queue cannot reach Redis'));
    this.connection.once('ready', () => this.connection.on('ready', () => this.reconnected()));
  }

  onReconnected(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  private get restoreMarker(): string {
    return restoreMarkerKey(this.options.prefix ?? 'leadmatch');
  }

  async lostJobs(): Promise<boolean> {
    return (await this.connection.exists(this.restoreMarker)) === 0;
  }

  async markRestored(): Promise<void> {
    await this.connection.set(this.restoreMarker, new Date().toISOString());
  }

  private reconnected(): void {
    this.options.log.info({}, 'job queue reached Redis again');
    for (const listener of this.reconnectListeners) listener();
  }

  async enqueue<S extends TSchema>(type: JobType<S>, payload: Static<S>, opts: EnqueueOptions = {}): Promise<void> {
    assertPayload(type, payload);
    const queue = await this.queue(type.queue);
    await queue.add(type.name, payload, { ...jobOptions(type), jobId: opts.jobId, delay: opts.delayMs });
  }

  async enqueueMany<S extends TSchema>(type: JobType<S>, jobs: BulkJob<Static<S>>[]): Promise<void> {
    for (const job of jobs) assertPayload(type, job.payload);
    if (jobs.length === 0) return;
    const queue = await this.queue(type.queue);
    await queue.addBulk(jobs.map((job) => ({ name: type.name, data: job.payload, opts: { ...jobOptions(type), jobId: job.jobId, delay: job.delayMs } })));
  }

  async schedule<S extends TSchema>(scheduleId: string, type: JobType<S>, payload: Static<S>, opts: ScheduleOptions): Promise<void> {
    assertPayload(type, payload);
    const queue = await this.queue(type.queue);
    await queue.upsertJobScheduler(
      scheduleId,
      'pattern' in opts ? { pattern: opts.pattern, tz: SCHEDULE_TIME_ZONE } : { every: opts.everyMs },
      { name: type.name, data: payload, opts: jobOptions(type) },
    );
  }

  async cancel(jobId: string, type?: JobType): Promise<void> {
    const names = type ? [type.queue] : knownQueues();
    const queues = await Promise.all(names.map((name) => this.queue(name)));
    for (const queue of queues) {
      try {
        const job = await queue.getJob(jobId);
        if (job && ['waiting', 'delayed', 'prioritized', 'waiting-children'].includes(await job.getState())) await job.remove();
      } catch {
        // A job that started in the meantime is locked and cannot be removed: its handler checks the version.
      }
    }
  }

  async counts(queues: readonly string[] = knownQueues()): Promise<JobCounts> {
    const counted = await Promise.all(queues.map(async (name) => [name, ourStates(await (await this.queue(name)).getJobCounts(...BULLMQ_STATES))]));
    return Object.fromEntries(counted);
  }

  async ping(): Promise<void> {
    await connected(this.connection, readyTimeoutMs);
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await closeConnection(this.connection);
  }

  /** BullMQ would wait for Redis without end while it is down at boot; callers are better served by an error. */
  private async queue(name: string): Promise<Queue> {
    await connected(this.connection, readyTimeoutMs);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.options.prefix ?? 'leadmatch' });
      // The queue repeats its connection's errors, which the connection's listener already logs.
      queue.on('error', () => {});
      this.queues.set(name, queue);
    }
    return queue;
  }
}
