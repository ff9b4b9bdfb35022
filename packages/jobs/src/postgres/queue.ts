import type { Database } from '@leadmatch/db';
import { sql, type Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { JobType } from '../job-type.ts';
import { assertPayload } from '../payload.ts';
import { knownQueues, type BulkJob, type EnqueueOptions, type JobCounts, type JobQueue, type ScheduleOptions } from '../queue.ts';
import { countJobs, insertJob, insertJobs } from './jobs.ts';
import { upsertSchedule } from './schedules.ts';

/** Jobs and schedules as rows in Postgres, for running without Redis. The database stays the caller's to close. */
export class PostgresJobQueue implements JobQueue {
  readonly mode = 'postgres';

  constructor(private readonly db: Kysely<Database>) {}

  async enqueue<S extends TSchema>(type: JobType<S>, payload: Static<S>, opts: EnqueueOptions = {}): Promise<void> {
    assertPayload(type, payload);
    await insertJob(opts.executor ?? this.db, { type, payload, dedupeKey: opts.jobId, delayMs: opts.delayMs });
  }

  async enqueueMany<S extends TSchema>(type: JobType<S>, jobs: BulkJob<Static<S>>[]): Promise<void> {
    for (const job of jobs) assertPayload(type, job.payload);
    await insertJobs(this.db, type, jobs.map((job) => ({ payload: job.payload, dedupeKey: job.jobId, delayMs: job.delayMs })));
  }

  async schedule<S extends TSchema>(scheduleId: string, type: JobType<S>, payload: Static<S>, opts: ScheduleOptions): Promise<void> {
    assertPayload(type, payload);
    await upsertSchedule(this.db, { id: scheduleId, type, payload, timing: opts });
  }

  async cancel(jobId: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('dedupe_key', '=', jobId).where('status', '=', 'waiting').execute();
  }

  counts(queues: readonly string[] = knownQueues()): Promise<JobCounts> {
    return countJobs(this.db, queues);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Postgres keeps jobs and schedules with the data, so nothing is ever lost to restore. */
  onReconnected(): void {}

  async lostJobs(): Promise<boolean> {
    return false;
  }

  async markRestored(): Promise<void> {}

  async close(): Promise<void> {}
}
