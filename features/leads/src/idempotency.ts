import { sql } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';

/** A request of one API key, with the Idempotency-Key it carried (if any). */
export interface KeyedRequest {
  ownerKey: string;
  idempotency: { key: string; requestHash: string } | null;
}

/** One map key for an (API key, Idempotency-Key) pair. */
export const idempotencyKeyOf = (lead: { ownerKey: string; idempotency: { key: string } | null }) =>
  `${lead.ownerKey}\u0000${lead.idempotency!.key}`;

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
  leadId: string | null;
}

/** A stored response repeats the contact, so it is kept sealed: the envelope, as a jsonb string. */
export function sealResponse(body: unknown, personalData: PersonalData): string {
  return personalData.seal('idempotent_response', JSON.stringify(body));
}

export function openResponse(stored: unknown, personalData: PersonalData): unknown {
  if (typeof stored !== 'string') throw new Error('a stored idempotent response is not sealed');
  return JSON.parse(personalData.open('idempotent_response', stored));
}

/** Stored responses hold personal data, so erasing a lead drops them too. */
export async function forgetResponsesForLead(db: Executor, leadId: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('lead_id', '=', leadId).execute();
}

export async function purgeIdempotencyKeysOlderThan(db: Executor, maxAgeMs: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', sql<Date>`now() - ${maxAgeMs}::double precision * interval '1 millisecond'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Claims every Idempotency-Key of the batch; a key another transaction holds makes this wait for it. */
export async function claimKeys(trx: Executor, leads: KeyedRequest[]): Promise<Set<string>> {
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

/** The responses stored under the given requests' keys, opened. */
export async function storedResponses(trx: Executor, leads: KeyedRequest[], personalData: PersonalData): Promise<Map<string, StoredResponse>> {
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
      body: row.response === null ? null : openResponse(row.response, personalData),
      leadId: row.lead_id,
    });
  }
  return stored;
}
