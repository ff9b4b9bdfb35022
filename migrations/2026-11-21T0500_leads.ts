import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('leads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'matched', 'failed', 'erased')`),
    )
    .addColumn('company_name', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('uses', sql`text[]`, (c) => c.notNull())
    .addColumn('land_m2', 'double precision')
    .addColumn('building_m2', 'double precision')
    .addColumn('building_tenure', 'text')
    .addColumn('annual_tax_wan', 'double precision')
    .addColumn('investment_wan', 'double precision')
    .addColumn('employees', 'integer')
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('policy_interests', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('notes', 'text')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', sql`timestamptz(3)`)
    .addUniqueConstraint('leads_owner_external_id_key', ['owner_key', 'external_id'])
    .execute();

  await db.schema.createIndex('leads_updated_at_id_idx').on('leads').columns(['updated_at', 'id']).execute();
  await db.schema
    .createIndex('leads_owner_updated_at_id_idx')
    .on('leads')
    .columns(['owner_key', 'updated_at', 'id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('owner_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('lead_id', 'uuid', (c) => c.references('leads.id').onDelete('cascade'))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['owner_key', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute();
  await db.schema.createIndex('idempotency_keys_lead_id_idx').on('idempotency_keys').column('lead_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('leads').execute();
}
