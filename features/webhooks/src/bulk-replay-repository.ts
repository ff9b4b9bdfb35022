import { sql, type Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { webhookDeliveryJobId } from './repository.ts';

export interface ReplayRange {
  /** Deliveries created at or after this instant… */
  from: Date;
  /** …and before this one. */
  to: Date;
}

export interface BulkReplay {
  /** The deliveries set pending again, oldest first, with the job id each is to be enqueued under. */
  deliveries: { id: string; jobId: string }[];
  /** Whether failed deliveries remain in the range beyond `limit`. */
  more: boolean;
}

/**
 * Sets a subscription's failed deliveries created in the range pending again, oldest first and at most
 * `limit`, in one transaction. A delivery already pending again is no longer failed, so repeating the
 * call (or two at once) leaves it alone: the call after a partial one takes up the next deliveries.
 */
export async function prepareWebhookBulkReplay(db: Kysely<Database>, subscriptionId: string, range: ReplayRange, limit: number): Promise<BulkReplay> {
  return db.transaction().execute(async (trx) => {
    const failedInRange = trx
      .selectFrom('webhook_deliveries')
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'failed')
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to);
    const rows = await trx
      .updateTable('webhook_deliveries')
      .set((eb) => ({ status: 'pending', replays: eb('replays', '+', 1), enqueued_at: null, updated_at: sql`now()` }))
      .where('status', '=', 'failed')
      .where('id', 'in', failedInRange.select('id').orderBy('created_at').orderBy('id').limit(limit).forUpdate())
      .returning(['id', 'replays', 'created_at'])
      .execute();
    const left = await failedInRange.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1));
    return { deliveries: rows.map((row) => ({ id: row.id, jobId: webhookDeliveryJobId(row.id, row.replays) })), more: Number(left.count) > 0 };
  });
}
