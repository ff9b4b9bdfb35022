import { sql, type Kysely } from 'kysely';

/**
 * Follow-up reminders become a due-time index swept every minute, instead of delayed jobs per task:
 * `next_reminder_at` is when the task's next step is due (the step after `escalation_step`), null
 * when none is left or the task is closed. Open tasks get theirs from their due time and the last
 * step done, at the default timing (at due, +1 day, +3 days), so no pending reminder is lost. The
 * due version, which told queued jobs apart, goes; reminder jobs still queued do nothing when they run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('follow_up_tasks').addColumn('next_reminder_at', sql`timestamptz(3)`).execute();
  await sql`
    update follow_up_tasks
    set next_reminder_at = due_at + case escalation_step when -1 then interval '0' when 0 then interval '1 day' else interval '3 days' end
    where status = 'open' and escalation_step < 2`.execute(db);
  await sql`create index follow_up_tasks_next_reminder_idx on follow_up_tasks (next_reminder_at) where next_reminder_at is not null`.execute(db);
  await db.schema.dropIndex('follow_up_tasks_unscheduled_idx').execute();
  await db.schema.alterTable('follow_up_tasks').dropColumn('reminder_scheduled_version').dropColumn('due_version').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('follow_up_tasks')
    .addColumn('due_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reminder_scheduled_version', 'integer')
    .execute();
  await sql`create index follow_up_tasks_unscheduled_idx on follow_up_tasks (id) where status = 'open'`.execute(db);
  await db.schema.dropIndex('follow_up_tasks_next_reminder_idx').execute();
  await db.schema.alterTable('follow_up_tasks').dropColumn('next_reminder_at').execute();
}
