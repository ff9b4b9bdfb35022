import { sql, type Kysely } from 'kysely';

/**
 * Contact data sealed at rest, with a keyed phone hash for lookup; dedup of open leads per owner;
 * closing leads. Sealing needs PII_KEY, which a migration does not have: the API seals the rows
 * written before this migration when it boots, and clears their plaintext columns.
 *
 * Dedup is made certain by partial unique indexes over the open leads of one owner. A lead that
 * duplicated another before this migration is linked to the oldest one (`duplicate_of`), which
 * takes it out of the indexes without losing anything.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('leads')
    .addColumn('contact_name_sealed', 'text')
    .addColumn('contact_phone_sealed', 'text')
    .addColumn('contact_email_sealed', 'text')
    .addColumn('contact_phone_hash', 'text')
    .addColumn('company_key', 'text')
    .addColumn('duplicate_of', 'uuid', (c) => c.references('leads.id').onDelete('set null'))
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('won', 'lost', 'withdrawn')`))
    .addColumn('close_note', 'text')
    .execute();
  await sql`alter table leads add constraint leads_closed_with_outcome check ((closed_at is null) = (outcome is null))`.execute(db);

  await sql`
    update leads l set duplicate_of = ranked.keeper
    from (
      select id, first_value(id) over (partition by owner_key, credit_code order by created_at, id) as keeper
      from leads where credit_code is not null and erased_at is null
    ) ranked
    where ranked.id = l.id and ranked.keeper <> l.id
  `.execute(db);

  await sql`
    create unique index leads_open_credit_code_key on leads (owner_key, credit_code)
    where credit_code is not null and erased_at is null and closed_at is null and duplicate_of is null
  `.execute(db);
  await sql`
    create unique index leads_open_company_phone_key on leads (owner_key, company_key, contact_phone_hash)
    where company_key is not null and contact_phone_hash is not null
      and erased_at is null and closed_at is null and duplicate_of is null
  `.execute(db);
  await sql`create index leads_closed_at_idx on leads (closed_at) where closed_at is not null and erased_at is null`.execute(db);
  await sql`
    create index leads_unsealed_idx on leads (created_at, id)
    where contact_name is not null or contact_phone is not null or contact_email is not null
      or (company_key is null and company_name is not null)
  `.execute(db);
}

/** Refuses while any contact is sealed: its plaintext columns are empty, so dropping the seals would erase it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ sealed: boolean }>`
    select exists (select 1 from leads where contact_name_sealed is not null or contact_phone_sealed is not null
      or contact_email_sealed is not null) as sealed`.execute(db);
  if (rows[0]?.sealed) throw new Error('leads hold sealed contact data; reverting this migration would erase it');
  await db.schema.dropIndex('leads_unsealed_idx').execute();
  await db.schema.dropIndex('leads_closed_at_idx').execute();
  await db.schema.dropIndex('leads_open_company_phone_key').execute();
  await db.schema.dropIndex('leads_open_credit_code_key').execute();
  await sql`alter table leads drop constraint leads_closed_with_outcome`.execute(db);
  await db.schema
    .alterTable('leads')
    .dropColumn('close_note')
    .dropColumn('outcome')
    .dropColumn('closed_at')
    .dropColumn('duplicate_of')
    .dropColumn('company_key')
    .dropColumn('contact_phone_hash')
    .dropColumn('contact_email_sealed')
    .dropColumn('contact_phone_sealed')
    .dropColumn('contact_name_sealed')
    .execute();
}
