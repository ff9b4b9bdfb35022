import type { Static, TSchema } from 'typebox';
import type { Executor } from '@leadmatch/db';
import type { JobType } from './job-type.ts';

export interface EnqueueOptions {
  /**
   * Names the job: enqueueing the same id again, while the first job is still kept, adds nothing.
   * BullMQ rejects ids that are all digits or contain `:`.
   */
  jobId?: string;
  delayMs?: number;
  /**
   * Postgres only: insert the job within this transaction, so it exists only if the caller's own
   * writes commit. BullMQ ignores it.
   */
  executor?: Executor;
}

/** Every N milliseconds, or at the times a cron pattern names (in China Standard Time). */
export type ScheduleOptions = { everyMs: number } | { pattern: string };

/** Cron patterns are read in the desks' own time zone. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

export interface BulkJob<P> {
  payload: P;
  jobId?: string;
  delayMs?: number;
}

/** The states `counts` reports. A waiting job whose time has not come yet counts as delayed. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** How many jobs each queue holds, by state. */
export type JobCounts = Record<string, Record<JobState, number>>;

/**
 * The lanes the service's jobs travel in, each with its own workers, counts and dashboard page. A job
 * type names one of them; the worker's boot check refuses a registry whose types name another.
 */
export const SERVICE_QUEUES = ['match', 'followups', 'webhooks', 'maintenance'] as const;

export function knownQueues(): string[] {
  return [...SERVICE_QUEUES];
}

/** Adds jobs. Payloads are checked against their job type's schema here, so bad jobs never get stored. */
export interface JobQueue {
  readonly mode: 'bullmq' | 'postgres';
  enqueue<S extends TSchema>(type: JobType<S>, payload: Static<S>, opts?: EnqueueOptions): Promise<void>;
  /** Adds many jobs of one type in one round trip. */
  enqueueMany<S extends TSchema>(type: JobType<S>, jobs: BulkJob<Static<S>>[]): Promise<void>;
  /**
   * Creates or updates a schedule; any number of processes may call it at boot. BullMQ keeps one
   * schedule per `scheduleId`. Postgres (pg-boss) keeps one per job type, named `<queue>/<type>`, so
   * there the id names nothing and scheduling a type again replaces its schedule. A cron pattern
   * fires at its next time (in Postgres within about 35 s of the minute). Every N ms: BullMQ runs the
   * first job at once, Postgres at the next multiple of N by the database's clock.
   */
  schedule<S extends TSchema>(scheduleId: string, type: JobType<S>, payload: Static<S>, opts: ScheduleOptions): Promise<void>;
  /**
   * Removes a job that has not started yet (waiting or delayed), by the jobId it was enqueued with.
   * Does nothing when there is no such job or it is already running or finished. Naming the job's
   * type spares BullMQ a look into every queue.
   */
  cancel(jobId: string, type?: JobType): Promise<void>;
  /**
   * How many jobs each of `queues` (by default every queue the job types use) holds in each state.
   * Finished jobs count only as long as the store keeps them.
   */
  counts(queues?: readonly string[]): Promise<JobCounts>;
  /** Resolves when the job store is reachable; for readiness checks. */
  ping(): Promise<void>;
  /**
   * Calls `listener` each time the job store is reachable again after its connection was lost.
   * Redis may come back empty (a restart without persistence, a failover): schedules and queued
   * jobs are then gone, and the listener is where to restore them. Postgres never calls it.
   */
  onReconnected(listener: () => void): void;
  /**
   * Whether the job store may have lost jobs since work was last restored into it: true when its
   * restore marker is missing. In Redis the marker is a key, gone when Redis was emptied by a restart,
   * a flush or a failover, or never used. In Postgres it is an empty pg-boss queue, missing until the
   * first restore into pg-boss (a new database, or one whose old job tables the migration to pg-boss
   * dropped with their jobs); after that pg-boss keeps its jobs with the data, so it stays false.
   */
  lostJobs(): Promise<boolean>;
  /** Records in the job store that work was restored into it, so that `lostJobs` answers false until it loses them again. */
  markRestored(): Promise<void>;
  close(): Promise<void>;
}

export interface FailedAttempt {
  queue: string;
  /** The job type's name. */
  name: string;
}

/** Runs jobs. `close` stops taking new jobs and resolves once the running ones have finished. */
export interface JobWorker {
  start(): Promise<void>;
  /** Calls `listener` each time a job's handler throws, whether or not the job will be retried. */
  onAttemptFailed(listener: (job: FailedAttempt) => void): void;
  close(): Promise<void>;
}
