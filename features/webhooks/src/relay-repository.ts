import { sql, type Kysely } from 'kysely';
import type { Database, Executor } from '@leadmatch/db';
import { webhookDeliveryJobId } from './repository.ts';

export interface RelayedBatch {
  /** Events read after the cursor in this run. */
  events: number;
  /** Deliveries created, with the job id each is to be enqueued under. */
  deliveries: { id: string; jobId: string }[];
}

/**
 * Fans lead events out to the active subscriptions that listen to their type: one delivery per
 * (subscription, event), never twice, and advances the relay's cursor in the same transaction.
 * Only events at least `settleMs` old are read, so a transaction that committed an event stamped
 * slightly earlier than one already relayed is not skipped. Relays take turns on the cursor's row.
 */
export async function relayLeadEvents(db: Kysely<Database>, opts: { settleMs: number; limit: number }): Promise<RelayedBatch> {
  return db.transaction().execute(async (trx) => {
    const state = await trx.selectFrom('webhook_relay_state').selectAll().forUpdate().executeTakeFirstOrThrow();
    let query = trx
      .selectFrom('lead_events')
      .select(['id', 'created_at'])
      .where('created_at', '<=', sql<Date>`now() - ${opts.settleMs}::double precision * interval '1 millisecond'`);
    if (state.last_created_at && state.last_event_id) {
      query = query.where(sql<boolean>`(created_at, id) > (${state.last_created_at}::timestamptz, ${state.last_event_id}::uuid)`);
    }
    const events = await query.orderBy('created_at').orderBy('id').limit(opts.limit).execute();
    const last = events.at(-1);
    if (!last) return { events: 0, deliveries: [] };
    const { rows } = await sql<{ id: string }>`
      insert into webhook_deliveries (subscription_id, event_id, event_type)
      select s.id, e.id, e.type
      from lead_events e
      join webhook_subscriptions s on s.active and e.type = any(s.events) and s.created_at <= e.created_at
      where e.id = any(${sql.val(events.map((event) => event.id))}::uuid[])
      on conflict (subscription_id, event_id) do nothing
      returning id`.execute(trx);
    await trx.updateTable('webhook_relay_state').set({ last_created_at: last.created_at, last_event_id: last.id }).execute();
    return { events: events.length, deliveries: rows.map((row) => ({ id: row.id, jobId: row.id })) };
  });
}

/** Pending deliveries whose job was never handed to the queue (the queue was down, say). */
export async function unenqueuedWebhookDeliveries(db: Executor, limit: number): Promise<{ id: string; jobId: string }[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'replays'])
    .where('status', '=', 'pending')
    .where('enqueued_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, jobId: webhookDeliveryJobId(row.id, row.replays) }));
}

/**
 * For when Redis returns, possibly empty: pending deliveries go back to the relay, which enqueues them
 * again under their job ids (a job that survived is not added twice). Returns how many.
 */
export async function requeuePendingWebhookDeliveries(db: Executor): Promise<number> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ enqueued_at: null })
    .where('status', '=', 'pending')
    .where('enqueued_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markWebhookDeliveriesEnqueued(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('webhook_deliveries').set({ enqueued_at: sql`now()` }).where('id', 'in', ids).execute();
}
