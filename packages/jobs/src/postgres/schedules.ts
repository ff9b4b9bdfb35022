import type { Database } from '@leadmatch/db';
import { sql, type Kysely } from 'kysely';
import type { JobType } from '../job-type.ts';
import { insertJob } from './jobs.ts';
import { nowPlusMs } from './interval.ts';

/**
 * Creates the schedule with its first run `everyMs` from now. Calling it again keeps the planned
 * next run, unless a shorter period brings it forward, so workers booting keep postponing nothing.
 */
export async function upsertSchedule(
  db: Kysely<Database>,
  schedule: { id: string; type: JobType; payload: unknown; everyMs: number },
): Promise<void> {
  await db
    .insertInto('job_schedules')
    .values({
      id: schedule.id,
      job_name: schedule.type.name,
      payload: JSON.stringify(schedule.payload),
      every_ms: schedule.everyMs,
      next_run_at: nowPlusMs(schedule.everyMs),
    })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        job_name: eb.ref('excluded.job_name'),
        payload: eb.ref('excluded.payload'),
        every_ms: eb.ref('excluded.every_ms'),
        next_run_at: sql<Date>`least(job_schedules.next_run_at, excluded.next_run_at)`,
      })),
    )
    .execute();
}

/**
 * Turns due schedules into jobs. Moving `next_run_at` and inserting the job commit together, and the
 * row lock on the schedule makes any other worker firing at the same moment see it is no longer due.
 */
export async function fireDueSchedules(db: Kysely<Database>, types: JobType[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const fired = await trx
      .updateTable('job_schedules')
      .set({ next_run_at: sql`now() + every_ms * interval '1 millisecond'` })
      .where('job_name', 'in', types.map((type) => type.name))
      .where('next_run_at', '<=', sql<Date>`now()`)
      .returning(['job_name', 'payload'])
      .execute();
    for (const schedule of fired) {
      const type = types.find((candidate) => candidate.name === schedule.job_name)!;
      await insertJob(trx, { type, payload: schedule.payload });
    }
  });
}
