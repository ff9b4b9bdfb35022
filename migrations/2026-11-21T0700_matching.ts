import { sql, type Kysely } from 'kysely';

/**
 * Matching: each intent to match a lead is a request row written with the lead (the outbox), each
 * result a run; lead events record what follow-ups and webhooks act on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('status_reason', 'text').execute();

  await db.schema
    .createTable('match_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'uuid', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('created', 'updated', 'scheduled', 'catalog', 'manual')`))
    .addColumn('requested_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('enqueued_at', sql`timestamptz(3)`)
    .addColumn('completed_at', sql`timestamptz(3)`)
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('matched', 'failed', 'skipped')`))
    .execute();
  await sql`create index match_requests_open_idx on match_requests (requested_at) where completed_at is null`.execute(db);
  await db.schema.createIndex('match_requests_lead_idx').on('match_requests').column('lead_id').execute();

  await db.schema
    .createTable('match_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'uuid', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().unique().references('match_requests.id').onDelete('cascade'))
    .addColumn('is_latest', 'boolean', (c) => c.notNull())
    .addColumn('rules_version', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'integer', (c) => c.notNull())
    .addColumn('industry_codes', sql`text[]`, (c) => c.notNull())
    .addColumn('suggested_park_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('changes', 'jsonb')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('match_runs_lead_created_idx').on('match_runs').columns(['lead_id', 'created_at']).execute();
  await sql`create unique index match_runs_latest_idx on match_runs (lead_id) where is_latest`.execute(db);
  await sql`create index match_runs_latest_parks_idx on match_runs using gin (suggested_park_ids) where is_latest`.execute(db);
  await sql`create index match_runs_latest_codes_idx on match_runs using gin (industry_codes) where is_latest`.execute(db);

  await db.schema
    .createTable('lead_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lead_id', 'uuid', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('lead_events_created_idx').on('lead_events').column('created_at').execute();

  await db.schema
    .createTable('matching_state')
    .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('catalog_version_seen', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into matching_state (singleton, catalog_version_seen) values (true, 0)`.execute(db);

  await db.schema.alterTable('job_schedules').addColumn('pattern', 'text').execute();
  await db.schema.alterTable('job_schedules').alterColumn('every_ms', (c) => c.dropNotNull()).execute();
  await db.schema
    .alterTable('job_schedules')
    .addCheckConstraint('job_schedules_every_or_pattern', sql`(every_ms is null) <> (pattern is null)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_schedules').dropConstraint('job_schedules_every_or_pattern').execute();
  await sql`delete from job_schedules where every_ms is null`.execute(db);
  await db.schema.alterTable('job_schedules').alterColumn('every_ms', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('job_schedules').dropColumn('pattern').execute();
  for (const table of ['matching_state', 'lead_events', 'match_runs', 'match_requests']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('leads').dropColumn('status_reason').execute();
}
