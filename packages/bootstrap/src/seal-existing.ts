import { sql, type Kysely } from 'kysely';
import type { Database, Executor, PersonalData, PersonalField } from '@leadmatch/db';
import { companyKey } from '@leadmatch/domain';
import { sealResponse } from '@leadmatch/leads';
import { sealedSecretColumns } from '@leadmatch/webhooks';

const BATCH_SIZE = 500;
/** Every process that boots runs this; the lock lets one seal while the others wait and find nothing left. */
const LOCK = sql`select pg_advisory_xact_lock(hashtext('leadmatch.seal-existing-personal-data'))`;

export interface SealedExisting {
  leads: number;
  responses: number;
  webhookSecrets: number;
  /** Free text and staff names: notes, close notes, follow-up and history notes, staff names and e-mails. */
  texts: number;
}

const ANY_ROW = sql<boolean>`true`;

/**
 * Plaintext columns sealed into their `*_sealed` neighbours, each under its own field. Follow-up
 * notes are sealed where staff typed them (tasks staff created, the note given to complete, cancel
 * or snooze); the service's own notes (a rule's reason, a reminder step) are not personal data.
 */
const SEALED_TEXT_COLUMNS = [
  { table: 'leads', column: 'notes', field: 'lead_notes', rows: ANY_ROW },
  { table: 'leads', column: 'close_note', field: 'close_note', rows: ANY_ROW },
  { table: 'follow_up_tasks', column: 'note', field: 'follow_up_note', rows: sql<boolean>`run_id is null` },
  {
    table: 'follow_up_history',
    column: 'note',
    field: 'history_note',
    rows: sql<boolean>`action in ('completed', 'cancelled', 'snoozed') and actor not in ('rules', 'reminders')`,
  },
  { table: 'staff', column: 'name', field: 'staff_name', rows: ANY_ROW },
  { table: 'staff', column: 'email', field: 'staff_email', rows: ANY_ROW },
] as const satisfies readonly { table: string; column: string; field: PersonalField; rows: unknown }[];

/**
 * Seals the contact data written before it was sealed at rest (and stored responses that repeat
 * it, webhook secrets, free-text notes and staff names), clearing the plaintext columns, and fills
 * the company key dedup compares. Idempotent and batched: a batch commits on its own, so an
 * interrupted run resumes where it stopped. A lead that turns out to duplicate an open lead of its
 * owner is linked to the one already sealed, else to the oldest. The rows are locked while sealed,
 * and an erasure committed meanwhile is never undone.
 */
export async function sealExistingPersonalData(db: Kysely<Database>, personalData: PersonalData, batchSize = BATCH_SIZE): Promise<SealedExisting> {
  const done: SealedExisting = { leads: 0, responses: 0, webhookSecrets: 0, texts: 0 };
  for (;;) {
    const sealed = await db.transaction().execute(async (trx) => {
      await LOCK.execute(trx);
      return {
        leads: await sealLeads(trx, personalData, batchSize),
        responses: await sealResponses(trx, personalData, batchSize),
        webhookSecrets: await sealWebhookSecrets(trx, personalData, batchSize),
        texts: await sealTexts(trx, personalData, batchSize),
      };
    });
    for (const key of Object.keys(done) as (keyof SealedExisting)[]) done[key] += sealed[key];
    if (Object.values(sealed).every((count) => count < batchSize)) return done;
  }
}

/** Up to `limit` rows per column; returns how many values it sealed. */
async function sealTexts(trx: Executor, personalData: PersonalData, limit: number): Promise<number> {
  let count = 0;
  for (const { table, column, field, rows: which } of SEALED_TEXT_COLUMNS) {
    const { rows } = await sql<{ id: string; text: string }>`
      select id::text, ${sql.ref(column)} as text from ${sql.table(table)}
      where ${sql.ref(column)} is not null and ${which} order by id limit ${limit} for update`.execute(trx);
    if (rows.length === 0) continue;
    const sealed = rows.map((row) => ({ id: row.id, sealed: personalData.seal(field, row.text) }));
    await sql`
      update ${sql.table(table)} t set ${sql.ref(`${column}_sealed`)} = r.sealed, ${sql.ref(column)} = null
      from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as r(id uuid, sealed text)
      where t.id = r.id`.execute(trx);
    count += rows.length;
  }
  return count;
}

async function sealWebhookSecrets(trx: Executor, personalData: PersonalData, limit: number): Promise<number> {
  const rows = await trx
    .selectFrom('webhook_subscriptions')
    .select(['id', 'secret'])
    .where('secret', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
  for (const row of rows) {
    await trx.updateTable('webhook_subscriptions').set(sealedSecretColumns(personalData, row.secret!)).where('id', '=', row.id).execute();
  }
  return rows.length;
}

async function sealLeads(trx: Executor, personalData: PersonalData, limit: number): Promise<number> {
  const rows = await trx
    .selectFrom('leads')
    .select(['id', 'company_name', 'contact_name', 'contact_phone', 'contact_email'])
    .where((eb) =>
      eb.or([
        eb('contact_name', 'is not', null),
        eb('contact_phone', 'is not', null),
        eb('contact_email', 'is not', null),
        eb.and([eb('company_key', 'is', null), eb('company_name', 'is not', null)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
  if (rows.length === 0) return 0;
  const input = rows.map((row) => ({
    id: row.id,
    company_key: row.company_name && companyKey(row.company_name),
    contact_name_sealed: row.contact_name && personalData.seal('contact_name', row.contact_name),
    contact_phone_sealed: row.contact_phone && personalData.seal('contact_phone', row.contact_phone),
    contact_email_sealed: row.contact_email && personalData.seal('contact_email', row.contact_email),
    contact_phone_hash: row.contact_phone && personalData.phoneHash(row.contact_phone),
  }));
  await sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as i(id uuid, company_key text,
        contact_name_sealed text, contact_phone_sealed text, contact_email_sealed text, contact_phone_hash text)
    ),
    open_input as (
      select i.id, l.owner_key, i.company_key, coalesce(i.contact_phone_hash, l.contact_phone_hash) as phone_hash, l.created_at
      from input i join leads l on l.id = i.id
      where l.erased_at is null and l.closed_at is null and l.duplicate_of is null
    ),
    contenders as (
      select id, owner_key, company_key, phone_hash, created_at, false as kept_before from open_input
      where company_key is not null and phone_hash is not null
      union
      select l.id, l.owner_key, l.company_key, l.contact_phone_hash, l.created_at, true from leads l
      join open_input o on l.owner_key = o.owner_key and l.company_key = o.company_key and l.contact_phone_hash = o.phone_hash
      where l.erased_at is null and l.closed_at is null and l.duplicate_of is null and l.id not in (select id from input)
    ),
    keepers as (
      select id, first_value(id) over (partition by owner_key, company_key, phone_hash order by kept_before desc, created_at, id) as keeper
      from contenders
    )
    update leads l set
      company_key = coalesce(i.company_key, l.company_key),
      contact_name_sealed = case when l.erased_at is null then coalesce(l.contact_name_sealed, i.contact_name_sealed) end,
      contact_phone_sealed = case when l.erased_at is null then coalesce(l.contact_phone_sealed, i.contact_phone_sealed) end,
      contact_email_sealed = case when l.erased_at is null then coalesce(l.contact_email_sealed, i.contact_email_sealed) end,
      contact_phone_hash = case when l.erased_at is null then coalesce(l.contact_phone_hash, i.contact_phone_hash) end,
      contact_name = null, contact_phone = null, contact_email = null,
      duplicate_of = case when k.keeper <> l.id then k.keeper else l.duplicate_of end
    from input i left join keepers k on k.id = i.id
    where l.id = i.id
  `.execute(trx);
  return rows.length;
}

async function sealResponses(trx: Executor, personalData: PersonalData, limit: number): Promise<number> {
  const { rows } = await sql<{ owner_key: string; key: string; response: unknown }>`
    select owner_key, key, response from idempotency_keys
    where response is not null and jsonb_typeof(response) <> 'string'
    order by owner_key, key limit ${limit}`.execute(trx);
  if (rows.length === 0) return 0;
  const sealed = rows.map((row) => ({ owner_key: row.owner_key, key: row.key, response: sealResponse(row.response, personalData) }));
  await sql`
    update idempotency_keys k set response = r.response
    from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as r(owner_key text, key text, response jsonb)
    where k.owner_key = r.owner_key and k.key = r.key
  `.execute(trx);
  return rows.length;
}
