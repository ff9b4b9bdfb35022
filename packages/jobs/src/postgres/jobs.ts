import type { Database, Executor } from '@leadmatch/db';
import { sql, type Kysely } from 'kysely';
import type { JobType } from '../job-type.ts';
import { JOB_STATES, type JobCounts, type JobState } from '../queue.ts';
import { nowPlusMs } from './interval.ts';

export interface ClaimedJob {
  id: string;
  queue: string;
  name: string;
  payload: unknown;
  /** Counts this run; the job's row is only updated while it still holds this count. */
  attempts: number;
  maxAttempts: number;
}

export async function insertJob(
  db: Executor,
  job: { type: JobType; payload: unknown; dedupeKey?: string | undefined; delayMs?: number | undefined },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      queue: job.type.queue,
      name: job.type.name,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey ?? null,
      max_attempts: job.type.attempts,
      run_at: nowPlusMs(job.delayMs ?? 0),
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .execute();
}

export async function insertJobs(
  db: Executor,
  type: JobType,
  jobs: { payload: unknown; dedupeKey?: string | undefined; delayMs?: number | undefined }[],
): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        queue: type.queue,
        name: type.name,
        payload: JSON.stringify(job.payload),
        dedupe_key: job.dedupeKey ?? null,
        max_attempts: type.attempts,
        run_at: nowPlusMs(job.delayMs ?? 0),
      })),
    )
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Takes up to `limit` due jobs for this worker: waiting ones whose time has come, and active ones
 * whose lock expired because their worker died. Skips rows another worker is claiming right now.
 */
export async function claimDueJobs(
  db: Kysely<Database>,
  names: string[],
  limit: number,
  lockMs: number,
): Promise<ClaimedJob[]> {
  const rows = await db
    .updateTable('jobs')
    .set({ status: 'active', attempts: sql`attempts + 1`, locked_until: nowPlusMs(lockMs) })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', names)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'waiting'), eb('run_at', '<=', sql<Date>`now()`)]),
            eb.and([
              eb('status', '=', 'active'),
              eb('locked_until', '<', sql<Date>`now()`),
              eb('attempts', '<', eb.ref('max_attempts')),
            ]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'queue', 'name', 'payload', 'attempts', 'max_attempts'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    queue: row.queue,
    name: row.name,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/** A job whose worker died during its last attempt is not run again. */
export async function failAbandonedJobs(db: Kysely<Database>, names: string[]): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', last_error: 'worker lost the job during its last attempt', finished_at: sql`now()`, locked_until: null })
    .where('name', 'in', names)
    .where('status', '=', 'active')
    .where('locked_until', '<', sql<Date>`now()`)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .execute();
}

export async function markCompleted(db: Kysely<Database>, job: ClaimedJob): Promise<void> {
  await ownRow(db, job)
    .set({ status: 'completed', finished_at: sql`now()`, locked_until: null, last_error: null })
    .execute();
}

export async function markFailed(db: Kysely<Database>, job: ClaimedJob, error: string): Promise<void> {
  await ownRow(db, job)
    .set({ status: 'failed', finished_at: sql`now()`, locked_until: null, last_error: error })
    .execute();
}

export async function markForRetry(db: Kysely<Database>, job: ClaimedJob, error: string, delayMs: number): Promise<void> {
  await ownRow(db, job)
    .set({ status: 'waiting', run_at: nowPlusMs(delayMs), locked_until: null, last_error: error })
    .execute();
}

/** The row as this run claimed it; a worker that lost its lock to another must not overwrite the other's outcome. */
function ownRow(db: Kysely<Database>, job: ClaimedJob) {
  return db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'active')
    .where('attempts', '=', job.attempts);
}

/** Deletes completed and failed jobs that finished longer than `maxAgeMs` ago; returns how many. */
export async function purgeFinishedJobsOlderThan(db: Executor, maxAgeMs: number): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['completed', 'failed'])
    .where('finished_at', '<', nowPlusMs(-maxAgeMs))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Jobs by queue and state, in one pass over the table; a waiting job whose time has not come counts as delayed. */
export async function countJobs(db: Executor, queues: readonly string[]): Promise<JobCounts> {
  const none = () => Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
  const counts: JobCounts = Object.fromEntries(queues.map((queue) => [queue, none()]));
  if (queues.length === 0) return counts;
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => [
      'queue',
      sql<string>`case when status = 'waiting' and run_at > now() then 'delayed' else status end`.as('state'),
      eb.fn.countAll<string>().as('jobs'),
    ])
    .where('queue', 'in', queues)
    .groupBy(['queue', 'state'])
    .execute();
  for (const row of rows) {
    const queue = counts[row.queue];
    if (queue && row.state in queue) queue[row.state as JobState] += Number(row.jobs);
  }
  return counts;
}
