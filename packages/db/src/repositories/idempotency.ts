import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  body: unknown;
  leadId: string | null;
}

/**
 * Claims an idempotency key inside the caller's transaction. When another transaction holds the
 * same key, Postgres makes this wait for it to finish, then reports the response it stored.
 */
export async function claimIdempotencyKey(
  trx: Executor,
  ownerKey: string,
  key: string,
  requestHash: string,
): Promise<{ claimed: true } | { claimed: false; stored: StoredResponse }> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ owner_key: ownerKey, key, request_hash: requestHash })
    .onConflict((conflict) => conflict.columns(['owner_key', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response', 'lead_id'])
    .where('owner_key', '=', ownerKey)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return {
    claimed: false,
    stored: { requestHash: row.request_hash, statusCode: row.status_code ?? 500, body: row.response, leadId: row.lead_id },
  };
}

export async function storeIdempotentResponse(
  trx: Executor,
  ownerKey: string,
  key: string,
  response: { statusCode: number; body: unknown; leadId: string },
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: response.statusCode, response: JSON.stringify(response.body), lead_id: response.leadId })
    .where('owner_key', '=', ownerKey)
    .where('key', '=', key)
    .execute();
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
