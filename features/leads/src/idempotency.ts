import { sql } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';

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
