import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@leadmatch/db';
import type { JobType } from '../job-type.ts';
import { JOB_STATES, type JobCounts, type JobState } from '../queue.ts';
import { bossSchema } from './connection.ts';
import { bossQueue } from './jobs.ts';
import { TICK_PREFIX } from './schedules.ts';

/*
 * What pg-boss 10 has no call for, read and written in its tables (`job`, `archive`) directly. Their
 * layout is pg-boss's schema version 24, which the exact version pinned in package.json installs.
 */

function table(schema: string, name: 'job' | 'archive'): RawBuilder<unknown> {
  if (!/^[A-Za-z_]\w*$/.test(schema)) throw new Error(`unexpected pg-boss schema name ${schema}`);
  return sql.raw(`${schema}.${name}`);
}

const ago = (ms: number) => sql`now() - ${ms}::double precision * interval '1 millisecond'`;

/** Which of the pg-boss queues `names` hold a job ready to run: one probe per poll rather than a fetch per queue. */
export async function readyQueues(db: Executor, schema: string, names: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select q.name from unnest(${names}::text[]) as q(name)
    where exists (select 1 from ${table(schema, 'job')} j where j.name = q.name and j.state < 'active' and j.start_after < now())
  `.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Jobs by queue and state. A job waiting for its start (delayed, or retrying after a backoff) counts as
 * delayed; cancelled jobs and the ticks of every-N-ms schedules do not count.
 */
export async function countJobs(db: Executor, schema: string, queues: readonly string[]): Promise<JobCounts> {
  const none = () => Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>;
  const counts: JobCounts = Object.fromEntries(queues.map((queue) => [queue, none()]));
  if (queues.length === 0) return counts;
  const { rows } = await sql<{ queue: string; state: string; jobs: string | number }>`
    select split_part(name, '/', 1) as queue,
      case when state < 'active' then case when start_after > now() then 'delayed' else 'waiting' end else state::text end as state,
      count(*) as jobs
    from ${table(schema, 'job')}
    where split_part(name, '/', 1) = any(${queues}::text[]) and state <> 'cancelled'
      and not starts_with(coalesce(singleton_key, ''), ${TICK_PREFIX})
    group by 1, 2
  `.execute(db);
  for (const row of rows) {
    const queue = counts[row.queue];
    if (queue && row.state in queue) queue[row.state as JobState] += Number(row.jobs);
  }
  return counts;
}

/** Deletes the job with pg-boss id `id` if it has not started yet; pg-boss's own cancel would also stop a running one. */
export async function deleteUnstarted(db: Executor, schema: string, id: string, name?: string): Promise<void> {
  await sql`
    delete from ${table(schema, 'job')}
    where id = ${id}::uuid and state < 'active' ${name === undefined ? sql`` : sql`and name = ${name}`}
  `.execute(db);
}

/** Leaves a running job no retries, so that pg-boss's `fail` fails it for good. */
export async function spendRetries(db: Executor, schema: string, name: string, id: string): Promise<void> {
  await sql`update ${table(schema, 'job')} set retry_limit = retry_count where name = ${name} and id = ${id}::uuid`.execute(db);
}

/**
 * Deletes completed, failed and cancelled jobs that finished longer than `maxAgeMs` ago, whether pg-boss
 * still holds them as jobs or has archived them; returns how many.
 */
export async function purgeFinishedJobsOlderThan(db: Executor, maxAgeMs: number): Promise<number> {
  const schema = await bossSchema(db);
  const { rows } = await sql<{ purged: string | number }>`
    with finished as (
      delete from ${table(schema, 'job')}
      where state in ('completed', 'failed', 'cancelled') and completed_on < ${ago(maxAgeMs)}
      returning 1
    ), archived as (
      delete from ${table(schema, 'archive')}
      where coalesce(completed_on, archived_on) < ${ago(maxAgeMs)}
      returning 1
    )
    select (select count(*) from finished) + (select count(*) from archived) as purged
  `.execute(db);
  return Number(rows[0]!.purged);
}

export interface StoredJob {
  /** pg-boss's id: `bossJobId(jobId)` for a job enqueued with a jobId. */
  id: string;
  payload: unknown;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  startAfter: Date;
}

/** The jobs of a type that pg-boss holds (archived ones aside), oldest first: for tests and scripts. */
export async function storedJobs(db: Executor, type: JobType): Promise<StoredJob[]> {
  const { rows } = await sql<StoredJob>`
    select id, data as payload, state::text as state, start_after as "startAfter"
    from ${table(await bossSchema(db), 'job')} where name = ${bossQueue(type)} order by created_on, start_after, id
  `.execute(db);
  return rows;
}
