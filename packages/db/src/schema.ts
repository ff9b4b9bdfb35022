import type { ColumnType, Generated, Selectable } from 'kysely';

/** Column types the features' table interfaces are written with. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json<T> = ColumnType<T, string, string>;

export interface JobsTable {
  id: Generated<string>;
  queue: string;
  name: string;
  payload: Json<unknown>;
  dedupe_key: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  id: string;
  job_name: string;
  payload: Json<unknown>;
  every_ms: number | null;
  /** A cron pattern, when the schedule is not every N ms. */
  pattern: string | null;
  next_run_at: Timestamp;
}

/**
 * The tables queries may name. Here only the job store's: each feature adds its own tables to this
 * interface (module augmentation in the feature's tables.ts), so the database package knows no feature.
 */
export interface Database {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
}

export type JobRow = Selectable<JobsTable>;
