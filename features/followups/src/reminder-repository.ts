import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';
import { toTask, type FollowUpTask } from './repository.ts';

/**
 * Open tasks whose current due version has not reached the queue yet (the enqueue after commit failed
 * or never ran), unchanged for `settledMs`: the writer of a task changed moments ago is still
 * scheduling its reminders itself.
 */
export async function followUpsAwaitingReminders(db: Executor, limit: number, settledMs: number): Promise<FollowUpTask[]> {
  const rows = await db
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('reminder_scheduled_version', 'is', null), eb('reminder_scheduled_version', '<>', eb.ref('due_version'))]))
    .where('updated_at', '<', sql<Date>`now() - ${settledMs}::double precision * interval '1 millisecond'`)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(toTask);
}

/**
 * For when Redis returns, possibly empty: the sweep schedules the reminders of every open task again
 * under their job ids; a step that already ran only passes on to the next. Returns how many tasks.
 */
export async function forgetScheduledReminders(db: Executor): Promise<number> {
  const result = await db
    .updateTable('follow_up_tasks')
    .set({ reminder_scheduled_version: null })
    .where('status', '=', 'open')
    .where('reminder_scheduled_version', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records that the first reminder of each task's due version reached the queue (ignored for a task whose version moved on). */
export async function markRemindersScheduled(db: Executor, tasks: { id: string; version: number }[]): Promise<void> {
  if (tasks.length === 0) return;
  await sql`
    update follow_up_tasks t set reminder_scheduled_version = v.version
    from unnest(${sql.val(tasks.map((task) => task.id))}::uuid[], ${sql.val(tasks.map((task) => task.version))}::int[]) as v(id, version)
    where t.id = v.id and t.due_version = v.version`.execute(db);
}

export async function markReminderScheduled(db: Executor, taskId: string, version: number): Promise<void> {
  await markRemindersScheduled(db, [{ id: taskId, version }]);
}
