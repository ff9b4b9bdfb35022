import { sql, type Kysely } from 'kysely';
import type { Database, Executor, PersonalData } from '@leadmatch/db';
import { companyKey, type LeadNeeds, type LeadRecord } from '@leadmatch/domain';
import { claimKeys, idempotencyKeyOf, sealResponse, storedResponses, type StoredResponse } from './idempotency.ts';
import { duplicateViolation, leadColumns, openLeadRecord, sealedContactColumns, sealedNotesColumns, toLeadRecord, type DuplicateMatch } from './repository.ts';
import type { LeadRow } from './tables.ts';

export interface LeadToSave {
  /** The id a new row gets; an update keeps the stored lead's id. */
  newId: string;
  ownerKey: string;
  externalId: string | null;
  needs: LeadNeeds;
  idempotency: { key: string; requestHash: string } | null;
}

export type SavedLead =
  | { kind: 'created' | 'updated'; lead: LeadRecord }
  /** An open lead of the owner has the same credit code, or company and phone: nothing was written. */
  | { kind: 'linked'; lead: LeadRecord; matchedBy: DuplicateMatch };

export type IntakeOutcome =
  | { kind: 'created' | 'updated'; lead: LeadRecord; matchRequestId: string }
  | { kind: 'linked'; lead: LeadRecord; matchedBy: DuplicateMatch }
  /** The owner's lead with this external id was erased; nothing was written. */
  | { kind: 'erased' }
  /** The Idempotency-Key was claimed by an earlier request; this is what it stored. */
  | { kind: 'claimed-before'; stored: StoredResponse };

/** The response an Idempotency-Key keeps for a saved lead. */
export type ResponseOf = (saved: SavedLead) => { statusCode: number; body: unknown };

/**
 * Leads that may share one batch: no two touch the same (owner, external id) or (owner,
 * Idempotency-Key), nor could be duplicates of one another (credit code, or company and phone).
 */
export function intakeConflictKeys(personalData: PersonalData): (lead: LeadToSave) => string[] {
  return (lead) => {
    const { ownerKey, needs } = lead;
    const keys: string[] = [];
    if (lead.externalId !== null) keys.push(`external\u0000${ownerKey}\u0000${lead.externalId}`);
    if (lead.idempotency) keys.push(`idempotency\u0000${ownerKey}\u0000${lead.idempotency.key}`);
    if (needs.creditCode !== null) keys.push(`credit\u0000${ownerKey}\u0000${needs.creditCode}`);
    if (needs.companyName !== null && needs.contactPhone !== null) {
      keys.push(`company\u0000${ownerKey}\u0000${companyKey(needs.companyName)}\u0000${personalData.phoneHash(needs.contactPhone)}`);
    }
    return keys;
  };
}

/** A batch that lost a race to a concurrent one (both inserting one company) runs again, finding its lead. */
const DEDUP_RACE_ATTEMPTS = 3;

/**
 * Saves many leads, each with its match request, in one statement: new leads are inserted, an
 * owner's repeated external id replaces that lead's needs, and a lead that duplicates an open lead
 * of its owner is linked to it instead. The contact is sealed here, before the statement. With
 * Idempotency-Keys the claim, the leads and the stored (sealed) responses commit in one
 * transaction. Rows are written in key order so two concurrent batches lock them in the same order.
 */
export async function saveLeadsWithMatchRequests(
  db: Kysely<Database>,
  leads: LeadToSave[],
  responseOf: ResponseOf,
  personalData: PersonalData,
): Promise<IntakeOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveOnce(db, leads, responseOf, personalData);
    } catch (error) {
      if (attempt >= DEDUP_RACE_ATTEMPTS || duplicateViolation(error) === null) throw error;
    }
  }
}

async function saveOnce(db: Kysely<Database>, leads: LeadToSave[], responseOf: ResponseOf, personalData: PersonalData): Promise<IntakeOutcome[]> {
  const rounds = conflictFreeRounds(leads, intakeConflictKeys(personalData));
  if (rounds.length === 1 && leads.every((lead) => lead.idempotency === null)) {
    const saved = await saveRound(db, leads, personalData);
    return leads.map((lead) => saved.get(lead)!);
  }
  return db.transaction().execute(async (trx) => {
    const claimed = await claimKeys(trx, leads);
    const isAttempted = (lead: LeadToSave) => !lead.idempotency || claimed.has(idempotencyKeyOf(lead));
    const outcomes = new Map<LeadToSave, IntakeOutcome>();
    for (const round of rounds) {
      for (const [lead, outcome] of await saveRound(trx, round.filter(isAttempted), personalData)) outcomes.set(lead, outcome);
    }
    await storeResponses(trx, [...outcomes], responseOf, personalData);
    const earlier = await storedResponses(trx, leads.filter((lead) => !isAttempted(lead)), personalData);
    return leads.map((lead) => outcomes.get(lead) ?? { kind: 'claimed-before', stored: earlier.get(idempotencyKeyOf(lead))! });
  });
}

/**
 * Splits leads so that no two in one round share a conflict key (one statement may not touch a row
 * twice, nor see the lead it would duplicate). The API's batches are conflict-free: one round.
 */
function conflictFreeRounds(leads: LeadToSave[], keysOf: (lead: LeadToSave) => string[]): LeadToSave[][] {
  const rounds: { leads: LeadToSave[]; keys: Set<string> }[] = [];
  for (const lead of leads) {
    const keys = keysOf(lead);
    let round = rounds.find((candidate) => keys.every((key) => !candidate.keys.has(key)));
    if (!round) rounds.push((round = { leads: [], keys: new Set() }));
    round.leads.push(lead);
    for (const key of keys) round.keys.add(key);
  }
  return rounds.map((round) => round.leads);
}

async function saveRound(db: Executor, leads: LeadToSave[], personalData: PersonalData): Promise<Map<LeadToSave, IntakeOutcome>> {
  const rows = await upsertLeads(db, leads, personalData);
  return new Map(leads.map((lead, ord) => [lead, savedOutcome(lead, ord, rows, personalData)]));
}

type SavedRow = LeadRow & { inserted: boolean; match_request_id: string | null; linked_ord: number | null; matched_by: DuplicateMatch | null };

interface SavedRows {
  saved: Map<string, SavedRow>;
  /** By the lead's position in the batch. */
  linked: Map<number, SavedRow>;
}

const savedKey = (ownerKey: string, externalId: string | null, id: string) =>
  externalId === null ? `id\u0000${id}` : `external\u0000${ownerKey}\u0000${externalId}`;

function savedOutcome(lead: LeadToSave, ord: number, rows: SavedRows, personalData: PersonalData): IntakeOutcome {
  const linked = rows.linked.get(ord);
  if (linked !== undefined) return { kind: 'linked', lead: openLeadRecord(linked, personalData), matchedBy: linked.matched_by! };
  const row = rows.saved.get(savedKey(lead.ownerKey, lead.externalId, lead.newId));
  if (row === undefined) return { kind: 'erased' };
  const kind = row.inserted ? 'created' : 'updated';
  return { kind, lead: { ...toLeadRecord(row), ...personalDataOf(lead.needs) }, matchRequestId: row.match_request_id! };
}

/** The saved contact and notes are the ones just sealed, so they are taken as given rather than opened again. */
const personalDataOf = ({ contactName, contactPhone, contactEmail, notes }: LeadNeeds) => ({ contactName, contactPhone, contactEmail, notes });

/** An open lead of the same owner, by credit code first, then by company and phone hash. */
const OPEN_LEAD = sql`l.owner_key = i.owner_key and l.erased_at is null and l.closed_at is null and l.duplicate_of is null`;

async function upsertLeads(db: Executor, leads: LeadToSave[], personalData: PersonalData): Promise<SavedRows> {
  if (leads.length === 0) return { saved: new Map(), linked: new Map() };
  // `ord` maps results back to the callers; `position` is key order, in which the rows are written and locked.
  const rowsIn = leads
    .map((lead, ord) => inputRow(lead, ord, personalData))
    .sort(byKey)
    .map((row, position) => ({ ...row, position }));
  const { rows } = await sql<SavedRow>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(rowsIn)}::jsonb) as i(
        ord integer, position integer, id uuid, owner_key text, external_id text,
        company_name text, company_key text, credit_code text,
        contact_name_sealed text, contact_phone_sealed text, contact_email_sealed text, contact_phone_hash text,
        industry text, industry_code text, uses text[], land_m2 double precision, building_m2 double precision, building_tenure text,
        annual_tax_wan double precision, investment_wan double precision, employees integer,
        regions text[], policy_interests text[], notes_sealed text)
    ),
    linked as (
      select i.ord, d.id, d.matched_by from input i
      cross join lateral (
        (select l.id, 'creditCode' as matched_by, 1 as preference from leads l
          where ${OPEN_LEAD} and l.credit_code is not null and l.credit_code = i.credit_code)
        union all
        (select l.id, 'companyAndPhone', 2 from leads l
          where ${OPEN_LEAD} and l.company_key is not null and l.contact_phone_hash is not null
            and l.company_key = i.company_key and l.contact_phone_hash = i.contact_phone_hash)
        order by preference limit 1
      ) d
      where i.external_id is null
        or not exists (select 1 from leads e where e.owner_key = i.owner_key and e.external_id = i.external_id)
    ),
    saved as (
      insert into leads (id, owner_key, external_id, company_name, company_key, credit_code, contact_name_sealed,
        contact_phone_sealed, contact_email_sealed, contact_phone_hash, industry, industry_code, uses, land_m2, building_m2,
        building_tenure, annual_tax_wan, investment_wan, employees, regions, policy_interests, notes_sealed)
      select id, owner_key, external_id, company_name, company_key, credit_code, contact_name_sealed,
        contact_phone_sealed, contact_email_sealed, contact_phone_hash, industry, industry_code, uses, land_m2, building_m2,
        building_tenure, annual_tax_wan, investment_wan, employees, regions, policy_interests, notes_sealed
      from input where ord not in (select ord from linked) order by position
      on conflict (owner_key, external_id) do update set
        company_name = excluded.company_name, company_key = excluded.company_key, credit_code = excluded.credit_code,
        contact_name_sealed = excluded.contact_name_sealed, contact_phone_sealed = excluded.contact_phone_sealed,
        contact_email_sealed = excluded.contact_email_sealed, contact_phone_hash = excluded.contact_phone_hash,
        contact_name = null, contact_phone = null, contact_email = null,
        industry = excluded.industry, industry_code = excluded.industry_code, industry_codes = '{}', uses = excluded.uses,
        land_m2 = excluded.land_m2, building_m2 = excluded.building_m2, building_tenure = excluded.building_tenure,
        annual_tax_wan = excluded.annual_tax_wan, investment_wan = excluded.investment_wan,
        employees = excluded.employees, regions = excluded.regions, policy_interests = excluded.policy_interests,
        notes = null, notes_sealed = excluded.notes_sealed, status = 'pending', status_reason = null, updated_at = now()
      where leads.erased_at is null
      returning leads.*, (xmax = 0) as inserted
    ),
    requested as (
      insert into match_requests (lead_id, reason)
      select id, case when inserted then 'created' else 'updated' end from saved
      returning id, lead_id
    )
    select saved.*, requested.id as match_request_id, null::integer as linked_ord, null::text as matched_by
      from saved join requested on requested.lead_id = saved.id
    union all
    select l.*, false, null, linked.ord, linked.matched_by from linked join leads l on l.id = linked.id
  `.execute(db);
  const result: SavedRows = { saved: new Map(), linked: new Map() };
  for (const row of rows) {
    if (row.linked_ord === null) result.saved.set(savedKey(row.owner_key, row.external_id, row.id), row);
    else result.linked.set(row.linked_ord, row);
  }
  return result;
}

type InputRow = ReturnType<typeof inputRow>;

const byKey = (a: InputRow, b: InputRow) =>
  a.owner_key.localeCompare(b.owner_key) || (a.external_id ?? '\uffff').localeCompare(b.external_id ?? '\uffff');

function inputRow(lead: LeadToSave, ord: number, personalData: PersonalData) {
  return {
    ord,
    id: lead.newId,
    owner_key: lead.ownerKey,
    external_id: lead.externalId,
    ...leadColumns(lead.needs),
    ...sealedContactColumns(lead.needs, personalData),
    notes_sealed: sealedNotesColumns(lead.needs.notes, personalData).notes_sealed,
  };
}

/** Keeps each saved lead's response under its key, and releases the keys of leads that were erased. */
async function storeResponses(
  trx: Executor,
  saved: (readonly [LeadToSave, IntakeOutcome])[],
  responseOf: ResponseOf,
  personalData: PersonalData,
): Promise<void> {
  const responses: { owner_key: string; key: string; status_code: number; response: string; lead_id: string }[] = [];
  const released: LeadToSave[] = [];
  for (const [lead, outcome] of saved) {
    if (!lead.idempotency) continue;
    if (outcome.kind === 'created' || outcome.kind === 'updated' || outcome.kind === 'linked') {
      const { statusCode, body } = responseOf(outcome);
      const response = sealResponse(body, personalData);
      responses.push({ owner_key: lead.ownerKey, key: lead.idempotency.key, status_code: statusCode, response, lead_id: outcome.lead.id });
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
