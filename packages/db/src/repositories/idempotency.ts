import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
  leadId: string | null;
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
