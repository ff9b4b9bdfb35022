import type { LeadNeeds, LeadRecord } from '@leadmatch/domain';
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../executor.ts';
import type { Database, LeadRow } from '../schema.ts';
import type { StoredResponse } from './idempotency.ts';
import { leadColumns, toLeadRecord } from './leads.ts';

export interface LeadToSave {
  /** The id a new row gets; an update keeps the stored lead's id. */
  newId: string;
  ownerKey: string;
  externalId: string | null;
  needs: LeadNeeds;
  idempotency: { key: string; requestHash: string } | null;
}

export type IntakeOutcome =
  | { kind: 'created' | 'updated'; lead: LeadRecord; matchRequestId: string }
  /** The owner's lead with this external id was erased; nothing was written. */
  | { kind: 'erased' }
  /** The Idempotency-Key was claimed by an earlier request; this is what it stored. */
  | { kind: 'claimed-before'; stored: StoredResponse };

/** The response an Idempotency-Key keeps for a saved lead. */
export type ResponseOf = (saved: { kind: 'created' | 'updated'; lead: LeadRecord }) => { statusCode: number; body: unknown };

/** Leads that may share one batch: no two touch the same (owner, external id) or (owner, Idempotency-Key). */
export function intakeConflictKeys(lead: LeadToSave): string[] {
  const keys: string[] = [];
  if (lead.externalId !== null) keys.push(`external\u0000${lead.ownerKey}\u0000${lead.externalId}`);
  if (lead.idempotency) keys.push(`idempotency\u0000${lead.ownerKey}\u0000${lead.idempotency.key}`);
  return keys;
}

/**
 * Saves many leads, each with its match request, in one statement: new leads are inserted, an
 * owner's repeated external id replaces that lead's needs. With Idempotency-Keys the claim, the
 * leads and the stored responses commit in one transaction. Rows are written in key order so two
 * concurrent batches lock them in the same order.
 */
export async function saveLeadsWithMatchRequests(
  db: Kysely<Database>,
  leads: LeadToSave[],
  responseOf: ResponseOf,
): Promise<IntakeOutcome[]> {
  if (leads.every((lead) => lead.idempotency === null)) {
    const rows = await upsertLeads(db, leads);
    return leads.map((lead) => savedOutcome(lead, rows));
  }
  return db.transaction().execute(async (trx) => {
    const claimed = await claimKeys(trx, leads);
    const attempted = leads.filter((lead) => !lead.idempotency || claimed.has(idempotencyKeyOf(lead)));
    const rows = await upsertLeads(trx, attempted);
    const saved = attempted.map((lead) => [lead, savedOutcome(lead, rows)] as const);
    await storeResponses(trx, saved, responseOf);
    const earlier = await storedResponses(trx, leads.filter((lead) => !attempted.includes(lead)));
    const outcomes = new Map<LeadToSave, IntakeOutcome>(saved);
    return leads.map((lead) => outcomes.get(lead) ?? { kind: 'claimed-before', stored: earlier.get(idempotencyKeyOf(lead))! });
  });
}

type SavedRow = LeadRow & { inserted: boolean; match_request_id: string };

const savedKey = (ownerKey: string, externalId: string | null, id: string) =>
  externalId === null ? `id\u0000${id}` : `external\u0000${ownerKey}\u0000${externalId}`;
const idempotencyKeyOf = (lead: { ownerKey: string; idempotency: { key: string } | null }) =>
  `${lead.ownerKey}\u0000${lead.idempotency!.key}`;

function savedOutcome(lead: LeadToSave, rows: Map<string, SavedRow>): IntakeOutcome {
  const row = rows.get(savedKey(lead.ownerKey, lead.externalId, lead.newId));
  if (row === undefined) return { kind: 'erased' };
  const { inserted, match_request_id, ...leadRow } = row;
  return { kind: inserted ? 'created' : 'updated', lead: toLeadRecord(leadRow), matchRequestId: match_request_id };
}

async function upsertLeads(db: Executor, leads: LeadToSave[]): Promise<Map<string, SavedRow>> {
  if (leads.length === 0) return new Map();
  const ordered = [...leads].sort(byKey);
  const { rows } = await sql<SavedRow>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(ordered.map(inputRow))}::jsonb) as i(
        ord integer, id uuid, owner_key text, external_id text,
        company_name text, credit_code text, contact_name text, contact_phone text, contact_email text,
        industry text, uses text[], land_m2 double precision, building_m2 double precision, building_tenure text,
        annual_tax_wan double precision, investment_wan double precision, employees integer,
        regions text[], policy_interests text[], notes text)
    ),
    saved as (
      insert into leads (id, owner_key, external_id, company_name, credit_code, contact_name, contact_phone,
        contact_email, industry, uses, land_m2, building_m2, building_tenure, annual_tax_wan, investment_wan,
        employees, regions, policy_interests, notes)
      select id, owner_key, external_id, company_name, credit_code, contact_name, contact_phone,
        contact_email, industry, uses, land_m2, building_m2, building_tenure, annual_tax_wan, investment_wan,
        employees, regions, policy_interests, notes
      from input order by ord
      on conflict (owner_key, external_id) do update set
        company_name = excluded.company_name, credit_code = excluded.credit_code,
        contact_name = excluded.contact_name, contact_phone = excluded.contact_phone,
        contact_email = excluded.contact_email, industry = excluded.industry, uses = excluded.uses,
        land_m2 = excluded.land_m2, building_m2 = excluded.building_m2, building_tenure = excluded.building_tenure,
        annual_tax_wan = excluded.annual_tax_wan, investment_wan = excluded.investment_wan,
        employees = excluded.employees, regions = excluded.regions, policy_interests = excluded.policy_interests,
        notes = excluded.notes, status = 'pending', status_reason = null, updated_at = now()
      where leads.erased_at is null
      returning leads.*, (xmax = 0) as inserted
    ),
    requested as (
      insert into match_requests (lead_id, reason)
      select id, case when inserted then 'created' else 'updated' end from saved
      returning id, lead_id
    )
    select saved.*, requested.id as match_request_id from saved join requested on requested.lead_id = saved.id
  `.execute(db);
  return new Map(rows.map((row) => [savedKey(row.owner_key, row.external_id, row.id), row]));
}

const byKey = (a: LeadToSave, b: LeadToSave) =>
  a.ownerKey.localeCompare(b.ownerKey) || (a.externalId ?? '\uffff').localeCompare(b.externalId ?? '\uffff');

function inputRow(lead: LeadToSave, ord: number) {
  return { ord, id: lead.newId, owner_key: lead.ownerKey, external_id: lead.externalId, ...leadColumns(lead.needs) };
}

/** Claims every Idempotency-Key of the batch; a key another transaction holds makes this wait for it. */
async function claimKeys(trx: Executor, leads: LeadToSave[]): Promise<Set<string>> {
  const keyed = leads.filter((lead) => lead.idempotency).sort((a, b) => idempotencyKeyOf(a).localeCompare(idempotencyKeyOf(b)));
  if (keyed.length === 0) return new Set();
  const rows = await trx
    .insertInto('idempotency_keys')
    .values(keyed.map((lead) => ({ owner_key: lead.ownerKey, key: lead.idempotency!.key, request_hash: lead.idempotency!.requestHash })))
    .onConflict((conflict) => conflict.columns(['owner_key', 'key']).doNothing())
    .returning(['owner_key', 'key'])
    .execute();
  return new Set(rows.map((row) => idempotencyKeyOf({ ownerKey: row.owner_key, idempotency: row })));
}

/** Keeps each saved lead's response under its key, and releases the keys of leads that were erased. */
async function storeResponses(
  trx: Executor,
  saved: (readonly [LeadToSave, IntakeOutcome])[],
  responseOf: ResponseOf,
): Promise<void> {
  const responses: { owner_key: string; key: string; status_code: number; response: unknown; lead_id: string }[] = [];
  const released: LeadToSave[] = [];
  for (const [lead, outcome] of saved) {
    if (!lead.idempotency) continue;
    if (outcome.kind === 'created' || outcome.kind === 'updated') {
      const { statusCode, body } = responseOf(outcome);
      responses.push({ owner_key: lead.ownerKey, key: lead.idempotency.key, status_code: statusCode, response: body, lead_id: outcome.lead.id });
    } else released.push(lead);
  }
  if (responses.length > 0) {
    await sql`
      update idempotency_keys k set status_code = r.status_code, response = r.response, lead_id = r.lead_id
      from jsonb_to_recordset(${JSON.stringify(responses)}::jsonb) as r(owner_key text, key text, status_code integer, response jsonb, lead_id uuid)
      where k.owner_key = r.owner_key and k.key = r.key
    `.execute(trx);
  }
  for (const lead of released) {
    await trx.deleteFrom('idempotency_keys').where('owner_key', '=', lead.ownerKey).where('key', '=', lead.idempotency!.key).execute();
  }
}

async function storedResponses(trx: Executor, leads: LeadToSave[]): Promise<Map<string, StoredResponse>> {
  const stored = new Map<string, StoredResponse>();
  if (leads.length === 0) return stored;
  const rows = await trx
    .selectFrom('idempotency_keys')
    .select(['owner_key', 'key', 'request_hash', 'status_code', 'response', 'lead_id'])
    .where((eb) => eb.or(leads.map((lead) => eb.and([eb('owner_key', '=', lead.ownerKey), eb('key', '=', lead.idempotency!.key)]))))
    .execute();
  for (const row of rows) {
    stored.set(idempotencyKeyOf({ ownerKey: row.owner_key, idempotency: row }), {
      requestHash: row.request_hash,
      statusCode: row.status_code ?? 500,
      body: row.response,
      leadId: row.lead_id,
    });
  }
  return stored;
}
