import { sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';

/**
 * Without Redis, jobs are now kept by pg-boss: its tables replace `jobs` and `job_schedules`. Jobs still
 * pending in them are dropped; the first worker on pg-boss finds its restore marker missing and queues
 * the pending work again from the data (schedules, open match requests, webhook deliveries, reminders).
 *
 * pg-boss's tables go in the schema `pgboss` beside `public`, or `<schema>_pgboss` beside any other
 * (the rule of packages/jobs/src/pgboss/connection.ts), as pg-boss's own construction plan of the
 * installed version creates them (10.4.2: its schema version 24); pg-boss migrates them itself when a
 * later version starts. The plan is one BEGIN…COMMIT string, run here as one DO block since PGlite
 * takes one statement at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_schedules').execute();
  await db.schema.dropTable('jobs').execute();
  const schema = await bossSchema(db);
  const { rows } = await sql<{ installed: string | null }>`select to_regclass(${`${schema}.version`})::text as installed`.execute(db);
  if (rows[0]?.installed) return;
  const plan = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/.exec(PgBoss.getConstructionPlans(schema))?.[1];
  if (plan === undefined) throw new Error('unexpected shape of pg-boss construction plan');
  await sql.raw(`DO $pgboss_do$ BEGIN EXECUTE $pgboss_body$${plan}$pgboss_body$; END $pgboss_do$`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop schema if exists ${await bossSchema(db)} cascade`).execute(db);
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('waiting').check(sql`status in ('waiting', 'active', 'completed', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_until', sql`timestamptz(3)`)
    .addColumn('last_error', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', sql`timestamptz(3)`)
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema
    .createTable('job_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('every_ms', 'integer', (c) => c.check(sql`every_ms > 0`))
    .addColumn('next_run_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('pattern', 'text')
    .addCheckConstraint('job_schedules_every_or_pattern', sql`(every_ms is null) <> (pattern is null)`)
    .execute();
}

/** `pgboss` beside `public`, `<schema>_pgboss` beside any other. */
async function bossSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return schema === 'public' ? 'pgboss' : `${schema}_pgboss`;
}
