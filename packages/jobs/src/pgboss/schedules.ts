import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Executor } from '@leadmatch/db';
import type { JobType } from '../job-type.ts';
import { SCHEDULE_TIME_ZONE, type ScheduleOptions } from '../queue.ts';
import { bossJobId, bossQueue, retryOptions } from './jobs.ts';

/*
 * pg-boss 10 keeps one cron schedule per queue, so per job type, and fires it at most once a minute.
 * A cron pattern is such a schedule as it is. An every-N-ms schedule is stored as a cron schedule of
 * every minute whose jobs are ticks (marked by their singleton key): a worker that takes a tick puts
 * the runs of the next two minutes in the queue, each with an id made from its time, so that however
 * many ticks or boots put a run there it is one job.
 */

/** The singleton key of a tick; the rest is the schedule's period in milliseconds. */
export const TICK_PREFIX = 'every:';
/** Further ahead than pg-boss's cron may lag behind the minute (its checks run every 30 s, its sends every 5 s). */
const RUNS_AHEAD_MS = 2 * 60_000;
const MIN_EVERY_MS = 1000;

export async function upsertSchedule(
  boss: PgBoss,
  db: Executor,
  schedule: { type: JobType; payload: object; timing: ScheduleOptions },
): Promise<void> {
  const { type, payload, timing } = schedule;
  const options = { tz: SCHEDULE_TIME_ZONE, ...retryOptions(type) };
  if ('pattern' in timing) {
    await boss.schedule(bossQueue(type), timing.pattern, payload, options);
    return;
  }
  if (!Number.isInteger(timing.everyMs) || timing.everyMs < MIN_EVERY_MS) {
    throw new Error(`a Postgres schedule runs at most once a second: everyMs ${timing.everyMs} is too short`);
  }
  await boss.schedule(bossQueue(type), '* * * * *', payload, { ...options, singletonKey: `${TICK_PREFIX}${timing.everyMs}` });
  await queueRunsAhead(boss, db, type, payload, timing.everyMs);
}

/** The period of the every-N-ms schedule whose tick this job is; undefined for any other job. */
export function tickPeriodMs(job: { singletonKey: string | null }): number | undefined {
  return job.singletonKey?.startsWith(TICK_PREFIX) ? Number(job.singletonKey.slice(TICK_PREFIX.length)) : undefined;
}

/** Puts the runs of the next two minutes in the queue, at multiples of `everyMs` by the database's clock. */
export async function queueRunsAhead(boss: PgBoss, db: Executor, type: JobType, payload: object, everyMs: number): Promise<void> {
  const { rows } = await sql<{ now: number }>`select (extract(epoch from now()) * 1000)::float8 as now`.execute(db);
  const now = rows[0]!.now;
  const name = bossQueue(type);
  const runs: PgBoss.JobInsert[] = [];
  for (let at = Math.ceil(now / everyMs) * everyMs; at < now + RUNS_AHEAD_MS; at += everyMs) {
    runs.push({ id: bossJobId(`schedule ${name} ${at}`), name, data: payload, startAfter: new Date(at), ...retryOptions(type) });
  }
  await boss.insert(runs);
}
