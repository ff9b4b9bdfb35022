import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';
import type { MatchReason } from '../tables.ts';

export interface MatchRequest {
  id: string;
  leadId: string;
  reason: MatchReason;
  requestedAt: Date;
  completedAt: Date | null;
}

/** Records the intent to match, in the caller's transaction, so it commits with the lead. */
export async function requestMatches(db: Executor, leadIds: string[], reason: MatchReason): Promise<string[]> {
  if (leadIds.length === 0) return [];
  const rows = await db
    .insertInto('match_requests')
    .values(leadIds.map((leadId) => ({ lead_id: leadId, reason })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function markEnqueued(db: Executor, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await db.updateTable('match_requests').set({ enqueued_at: sql`now()` }).where('id', 'in', requestIds).execute();
}

/**
 * Requests no worker has finished: never enqueued, or enqueued long ago and still open (their job
 * was lost with Redis, say). The sweeper enqueues them again; handlers are idempotent.
 */
export async function strandedRequests(db: Executor, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('match_requests')
    .select('id')
    .where('completed_at', 'is', null)
    .where('requested_at', '<', sql<Date>`now() - ${olderThanMs}::double precision * interval '1 millisecond'`)
    .where((eb) =>
      eb.or([
        eb('enqueued_at', 'is', null),
        eb('enqueued_at', '<', sql<Date>`now() - ${olderThanMs * 10}::double precision * interval '1 millisecond'`),
      ]),
    )
    .orderBy('requested_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Locks the requests for this transaction, in id order so that concurrent batches never deadlock on
 * them; a second worker on the same request waits, then sees it done. Unknown ids are left out.
 */
export async function lockRequests(trx: Executor, requestIds: string[]): Promise<MatchRequest[]> {
  if (requestIds.length === 0) return [];
  const rows = await trx
    .selectFrom('match_requests')
    .select(['id', 'lead_id', 'reason', 'requested_at', 'completed_at'])
    .where('id', 'in', requestIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => ({ id: row.id, leadId: row.lead_id, reason: row.reason, requestedAt: row.requested_at, completedAt: row.completed_at }));
}

export async function completeRequests(trx: Executor, requestIds: string[], outcome: 'matched' | 'failed' | 'skipped'): Promise<void> {
  if (requestIds.length === 0) return;
  await trx.updateTable('match_requests').set({ completed_at: sql`now()`, outcome }).where('id', 'in', requestIds).execute();
}
