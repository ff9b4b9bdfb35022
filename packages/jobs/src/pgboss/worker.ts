import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '@leadmatch/db';
import { FINISHED_JOBS_KEPT } from '../bullmq/job-options.ts';
import type { JobHandlers } from '../handlers.ts';
import type { JobType } from '../job-type.ts';
import { withBindings, type JobLog } from '../log.ts';
import { InvalidJobPayloadError } from '../payload.ts';
import type { FailedAttempt, JobWorker } from '../queue.ts';
import { bossDb, bossSchema, ensureQueue, type BossDb } from './connection.ts';
import { bossQueue } from './jobs.ts';
import { queueRunsAhead, tickPeriodMs } from './schedules.ts';
import { readyQueues, spendRetries } from './sql.ts';

export interface PostgresWorkerOptions {
  log: JobLog;
  /** How often to look for jobs ready to run; defaults to 500 ms. */
  pollIntervalMs?: number;
  /** Jobs run at once, over all job types; defaults to 4. */
  concurrency?: number;
  /**
   * How often pg-boss's maintenance runs, in whichever worker's turn it is: it hands the jobs of a
   * worker that died (running past their 15-minute expiry) to a retry or fails them, and archives
   * finished jobs. Defaults to 120 s.
   */
  maintenanceIntervalSeconds?: number;
}

type Job = PgBoss.JobWithMetadata<object>;

/** The queue through which pg-boss's scheduler sends the jobs of cron schedules. */
const SEND_IT_QUEUE = '__pgboss__send-it';

/**
 * Takes jobs from pg-boss for the handlers' job types; several workers may share one database. Each
 * worker also runs pg-boss's maintenance and its cron schedules, which pg-boss lets one worker at a
 * time do. Jobs are fetched here rather than through pg-boss's `work`, so that `concurrency` holds over
 * all job types and `close` waits for every job it took.
 */
export class PostgresJobWorker implements JobWorker {
  private readonly types = new Map<string, JobType>();
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly running = new Set<Promise<void>>();
  private readonly failureListeners: ((job: FailedAttempt) => void)[] = [];
  private pg: { boss: PgBoss; schema: string; connection: BossDb } | undefined;
  private polling: Promise<void> | undefined;
  private closing = false;
  private wake: (() => void) | undefined;
  /** Where the next poll starts in the list of ready queues, so that no queue waits behind the others. */
  private turn = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: JobHandlers,
    private readonly options: PostgresWorkerOptions,
  ) {
    for (const type of handlers.jobTypes()) this.types.set(bossQueue(type), type);
    if (this.types.size === 0) throw new Error('the job worker has no handlers');
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.concurrency = options.concurrency ?? 4;
  }

  async start(): Promise<void> {
    if (this.pg) return;
    const schema = await bossSchema(this.db);
    const connection = bossDb(this.db);
    const boss = new PgBoss({
      db: connection,
      schema,
      maintenanceIntervalSeconds: this.options.maintenanceIntervalSeconds ?? 120,
      archiveCompletedAfterSeconds: FINISHED_JOBS_KEPT.completed.age,
      archiveFailedAfterSeconds: FINISHED_JOBS_KEPT.failed.age,
    });
    boss.on('error', (err) => this.options.log.warn({ err }, 'pg-boss maintenance or scheduling failed'));
    this.pg = { boss, schema, connection };
    try {
      // Made sure of before pg-boss's scheduler creates it unlocked, which could deadlock with another worker's creations.
      await ensureQueue(this.db, schema, SEND_IT_QUEUE);
      for (const name of this.types.keys()) await ensureQueue(this.db, schema, name);
      await boss.start();
    } catch (err) {
      this.pg = undefined;
      await boss.stop({ graceful: false });
      throw err;
    }
    this.polling = this.pollUntilClosed();
  }

  onAttemptFailed(listener: (job: FailedAttempt) => void): void {
    this.failureListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.polling;
    await Promise.all(this.running);
    if (!this.pg) return;
    await this.pg.boss.stop({ graceful: false });
    await this.pg.connection.idle();
  }

  private async pollUntilClosed(): Promise<void> {
    while (!this.closing) {
      try {
        await this.poll();
      } catch (err) {
        this.options.log.error({ err }, 'polling for jobs failed');
      }
      await this.idle();
    }
  }

  private async poll(): Promise<void> {
    const { boss, schema } = this.pg!;
    if (this.running.size >= this.concurrency) return;
    const ready = await readyQueues(this.db, schema, [...this.types.keys()]);
    this.turn = (this.turn + 1) % Math.max(ready.length, 1);
    for (const name of [...ready.slice(this.turn), ...ready.slice(0, this.turn)]) {
      const free = this.concurrency - this.running.size;
      if (free <= 0 || this.closing) return;
      const jobs: Job[] = await boss.fetch<object>(name, { batchSize: free, includeMetadata: true });
      for (const job of jobs) {
        const run = this.run(job).finally(() => {
          this.running.delete(run);
          this.wake?.();
        });
        this.running.add(run);
      }
    }
  }

  /** Waits for the next poll; a finished job or close() cuts the wait short. */
  private idle(): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(job: Job): Promise<void> {
    const { boss } = this.pg!;
    const type = this.types.get(job.name)!;
    const attempt = job.retryCount + 1;
    const log = withBindings(this.options.log, { jobId: job.id, job: type.name, attempt });
    const everyMs = tickPeriodMs(job);
    const work =
      everyMs === undefined
        ? this.handlers.dispatch(type.name, job.data, { jobId: job.id, attempt, log })
        : queueRunsAhead(boss, this.db, type, job.data, everyMs);
    const failure = await work.then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    if (failure) for (const listener of this.failureListeners) listener({ queue: type.queue, name: type.name });
    try {
      if (!failure) await boss.complete(job.name, job.id);
      else await this.recordFailure(job, failure, log);
    } catch (err) {
      log.error({ err }, 'could not record the job outcome; pg-boss runs it again once it expires');
    }
  }

  private async recordFailure(job: Job, failure: Error, log: JobLog): Promise<void> {
    const { boss, schema } = this.pg!;
    const invalid = failure instanceof InvalidJobPayloadError;
    if (invalid || job.retryCount >= job.retryLimit) log.error({ err: failure }, 'job failed');
    else log.warn({ err: failure }, 'job attempt failed; retrying');
    if (invalid) await spendRetries(this.db, schema, job.name, job.id);
    await boss.fail(job.name, job.id, { name: failure.name, message: failure.message });
  }
}
