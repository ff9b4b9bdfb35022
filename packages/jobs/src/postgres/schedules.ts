import type { Database, Executor } from '@leadmatch/db';
import { CronExpressionParser } from 'cron-parser';
import { sql, type Kysely } from 'kysely';
import type { JobType } from '../job-type.ts';
import { SCHEDULE_TIME_ZONE, type ScheduleOptions } from '../queue.ts';
import { insertJob } from './jobs.ts';

async function databaseNow(db: Executor): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return new Date(rows[0]!.now);
}

/** The next run after `from`, by the database's clock rather than this machine's. */
export function nextRun(timing: { every_ms: number | null; pattern: string | null }, from: Date): Date {
  if (timing.pattern !== null) {
    return CronExpressionParser.parse(timing.pattern, { currentDate: from, tz: SCHEDULE_TIME_ZONE }).next().toDate();
  }
  return new Date(from.getTime() + timing.every_ms!);
}

/**
 * Creates the schedule with its first run one period (or the next cron time) from now. Calling it
 * again keeps the planned next run unless the new timing brings it forward, so booting workers
 * postpone nothing.
 */
export async function upsertSchedule(
  db: Kysely<Database>,
  schedule: { id: string; type: JobType; payload: unknown; timing: ScheduleOptions },
): Promise<void> {
  const timing = 'pattern' in schedule.timing
    ? { every_ms: null, pattern: schedule.timing.pattern }
    : { every_ms: schedule.timing.everyMs, pattern: null };
  const nextRunAt = nextRun(timing, await databaseNow(db));
  await db
    .insertInto('job_schedules')
    .values({ id: schedule.id, job_name: schedule.type.name, payload: JSON.stringify(schedule.payload), ...timing, next_run_at: nextRunAt })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        job_name: eb.ref('excluded.job_name'),
        payload: eb.ref('excluded.payload'),
        every_ms: eb.ref('excluded.every_ms'),
        pattern: eb.ref('excluded.pattern'),
        next_run_at: sql<Date>`least(job_schedules.next_run_at, excluded.next_run_at)`,
      })),
    )
    .execute();
}

/**
 * Turns due schedules into jobs. Moving `next_run_at` and inserting the job commit together, and the
 * row lock makes any other worker firing at the same moment skip the schedule.
 */
export async function fireDueSchedules(db: Kysely<Database>, types: JobType[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('job_schedules')
      .select(['id', 'job_name', 'payload', 'every_ms', 'pattern'])
      .where('job_name', 'in', types.map((type) => type.name))
      .where('next_run_at', '<=', sql<Date>`now()`)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return;
    const now = await databaseNow(trx);
    for (const schedule of due) {
      await trx.updateTable('job_schedules').set({ next_run_at: nextRun(schedule, now) }).where('id', '=', schedule.id).execute();
      const type = types.find((candidate) => candidate.name === schedule.job_name)!;
      await insertJob(trx, { type, payload: schedule.payload });
    }
  });
}
