import { sql, type Kysely } from 'kysely';

/**
 * Follow-ups: staff members, the tasks match runs (and staff) create for each lead, each task's
 * history, and the round-robin position of assignment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('officer', 'supervisor')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('supervisor_id', 'uuid', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('follow_up_tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'uuid', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('run_id', 'uuid', (c) => c.references('match_runs.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('call_back', 'send_brochure', 'site_visit', 'review', 'manual')`))
    .addColumn('park_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'done', 'cancelled')`))
    .addColumn('priority', 'text', (c) => c.check(sql`priority in ('hot', 'warm', 'cold')`))
    .addColumn('priority_reason', 'text')
    .addColumn('due_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('assignee_id', 'uuid', (c) => c.references('staff.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('due_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reminder_scheduled_version', 'integer')
    .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One run never creates the same task twice; one open rule task per lead, kind and park.
  await sql`create unique index follow_up_tasks_run_idx on follow_up_tasks (lead_id, run_id, kind, coalesce(park_id, '')) where run_id is not null`.execute(db);
  await sql`create unique index follow_up_tasks_open_rule_idx on follow_up_tasks (lead_id, kind, coalesce(park_id, '')) where status = 'open' and kind <> 'manual' and run_id is not null`.execute(db);
  await db.schema.createIndex('follow_up_tasks_due_idx').on('follow_up_tasks').columns(['due_at', 'id']).execute();
  await db.schema.createIndex('follow_up_tasks_lead_idx').on('follow_up_tasks').column('lead_id').execute();
  await db.schema.createIndex('follow_up_tasks_assignee_idx').on('follow_up_tasks').column('assignee_id').execute();
  await sql`create index follow_up_tasks_unscheduled_idx on follow_up_tasks (id) where status = 'open'`.execute(db);

  await db.schema
    .createTable('follow_up_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('follow_up_tasks.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('note', 'text')
    .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('follow_up_history_task_idx').on('follow_up_history').columns(['task_id', 'seq']).execute();

  await db.schema
    .createTable('follow_up_assignment')
    .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('last_officer_id', 'uuid')
    .execute();
  await sql`insert into follow_up_assignment (singleton, last_officer_id) values (true, null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['follow_up_assignment', 'follow_up_history', 'follow_up_tasks', 'staff']) await db.schema.dropTable(table).execute();
}
