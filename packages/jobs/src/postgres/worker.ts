import type { Database } from '@leadmatch/db';
import type { Kysely } from 'kysely';
import type { JobHandlers } from '../handlers.ts';
import { retryDelayMs, type JobType } from '../job-type.ts';
import { withBindings, type JobLog } from '../log.ts';
import { InvalidJobPayloadError } from '../payload.ts';
import type { FailedAttempt, JobWorker } from '../queue.ts';
import { claimDueJobs, failAbandonedJobs, markCompleted, markFailed, markForRetry, type ClaimedJob } from './jobs.ts';
import { fireDueSchedules } from './schedules.ts';

export interface PostgresWorkerOptions {
  log: JobLog;
  pollIntervalMs?: number;
  /** Jobs run at once; defaults to 4. */
  concurrency?: number;
  /** How long a claimed job stays locked; once it expires another worker takes the job over, so it must outlast any handler. */
  lockMs?: number;
}

/** Polls Postgres for due schedules and jobs; several workers may share one database. */
export class PostgresJobWorker implements JobWorker {
  private readonly types: JobType[];
  private readonly names: string[];
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly lockMs: number;
  private readonly running = new Set<Promise<void>>();
  private readonly failureListeners: ((job: FailedAttempt) => void)[] = [];
  private polling: Promise<void> | undefined;
  private closing = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: JobHandlers,
    private readonly options: PostgresWorkerOptions,
  ) {
    this.types = handlers.jobTypes();
    if (!this.types.length) throw new Error('the job worker has no handlers');
    this.names = this.types.map((type) => type.name);
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.concurrency = options.concurrency ?? 4;
    this.lockMs = options.lockMs ?? 5 * 60_000;
  }

  async start(): Promise<void> {
    this.polling ??= this.pollUntilClosed();
  }

  onAttemptFailed(listener: (job: FailedAttempt) => void): void {
    this.failureListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.polling;
    await Promise.all(this.running);
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
    await fireDueSchedules(this.db, this.types);
    await failAbandonedJobs(this.db, this.names);
    const free = this.concurrency - this.running.size;
    if (free <= 0 || this.closing) return;
    for (const job of await claimDueJobs(this.db, this.names, free, this.lockMs)) {
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        this.wake?.();
      });
      this.running.add(run);
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

  private async run(job: ClaimedJob): Promise<void> {
    const log = withBindings(this.options.log, { jobId: job.id, job: job.name, attempt: job.attempts });
    const failure = await this.handlers.dispatch(job.name, job.payload, { jobId: job.id, attempt: job.attempts, log }).then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    if (failure) for (const listener of this.failureListeners) listener({ queue: job.queue, name: job.name });
    try {
      if (!failure) await markCompleted(this.db, job);
      else await this.recordFailure(job, failure, log);
    } catch (err) {
      log.error({ err }, 'could not record the job outcome; the job runs again once its lock expires');
    }
  }

  private async recordFailure(job: ClaimedJob, failure: Error, log: JobLog): Promise<void> {
    const retryable = !(failure instanceof InvalidJobPayloadError) && job.attempts < job.maxAttempts;
    if (!retryable) {
      log.error({ err: failure }, 'job failed');
      await markFailed(this.db, job, failure.message);
      return;
    }
    const delayMs = retryDelayMs(this.handlers.jobType(job.name)!, job.attempts);
    log.warn({ err: failure, retryInMs: delayMs }, 'job attempt failed; retrying');
    await markForRetry(this.db, job, failure.message, delayMs);
  }
}
