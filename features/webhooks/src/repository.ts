import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, Executor, PersonalData } from '@leadmatch/db';
import type { WebhookDeliveriesTable, WebhookDeliveryStatus, WebhookSubscriptionsTable } from './tables.ts';

/** The lead events a CRM can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'lead.matched',
  'lead.suggestions_changed',
  'followup.created',
  'followup.due',
  'followup.overdue',
  'followup.completed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type { WebhookDeliveryStatus };

export interface WebhookSubscription {
  id: string;
  url: string;
  /** `****` and the secret's last 4 characters; the secret itself is sealed and never read back here. */
  secretHint: string;
  /** Until when the secret before the last rotation still signs deliveries; null when none does. */
  previousSecretValidUntil: Date | null;
  events: string[];
  active: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

function toSubscription(row: Selectable<WebhookSubscriptionsTable>): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    secretHint: row.secret_hint ?? secretHint(row.secret ?? ''),
    previousSecretValidUntil: row.previous_secret_until && row.previous_secret_until > new Date() ? row.previous_secret_until : null,
    events: row.events,
    active: row.active,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function secretHint(secret: string): string {
  return `****${secret.slice(-4)}`;
}

/** The columns that hold a new secret: sealed, with its hint, and no plaintext. */
export function sealedSecretColumns(personalData: PersonalData, secret: string) {
  return { secret: null, secret_sealed: personalData.seal('webhook_secret', secret), secret_hint: secretHint(secret) };
}

export async function createWebhookSubscription(
  db: Executor,
  personalData: PersonalData,
  input: { url: string; secret: string; events: string[]; createdBy: string },
): Promise<WebhookSubscription> {
  const row = await db
    .insertInto('webhook_subscriptions')
    .values({ url: input.url, ...sealedSecretColumns(personalData, input.secret), events: input.events, created_by: input.createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(row);
}

export async function listWebhookSubscriptions(db: Executor): Promise<WebhookSubscription[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toSubscription);
}

export async function getWebhookSubscription(db: Executor, id: string): Promise<WebhookSubscription | undefined> {
  const row = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSubscription(row);
}

export interface SecretRotation {
  secret: string;
  /** How long the secret it replaces keeps signing deliveries beside it; 0 revokes it at once. */
  overlapMs: number;
}

export async function updateWebhookSubscription(
  db: Executor,
  personalData: PersonalData,
  id: string,
  patch: { url?: string; rotation?: SecretRotation; events?: string[]; active?: boolean },
): Promise<WebhookSubscription | undefined> {
  const { rotation } = patch;
  const row = await db
    .updateTable('webhook_subscriptions')
    .set((eb) => ({
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(rotation !== undefined
        ? {
            ...sealedSecretColumns(personalData, rotation.secret),
            previous_secret_sealed: rotation.overlapMs > 0 ? eb.ref('secret_sealed') : null,
            previous_secret_until: rotation.overlapMs > 0 ? sql<Date>`now() + ${rotation.overlapMs}::double precision * interval '1 millisecond'` : null,
          }
        : {}),
      ...(patch.events !== undefined ? { events: patch.events } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: sql`now()`,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toSubscription(row);
}

/** Deletes the subscription and its delivery log. */
export async function deleteWebhookSubscription(db: Executor, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  replays: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    replays: row.replays,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

/** A subscription's deliveries, newest first; `after` is the last delivery of the previous page. */
export async function listWebhookDeliveries(
  db: Executor,
  subscriptionId: string,
  opts: { status?: WebhookDeliveryStatus | undefined; limit: number; after?: DeliveryCursor | undefined },
): Promise<WebhookDelivery[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (opts.status) query = query.where('status', '=', opts.status);
  if (opts.after) {
    query = query.where(sql<boolean>`(created_at, id) < (${opts.after.createdAt}::timestamptz, ${opts.after.id}::uuid)`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(toDelivery);
}

export async function getWebhookDelivery(db: Executor, id: string): Promise<WebhookDelivery | undefined> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDelivery(row);
}

/** The queue job id of a delivery: its id, and a new one for each replay (BullMQ ids may not hold `:`). */
export function webhookDeliveryJobId(deliveryId: string, replays: number): string {
  return replays === 0 ? deliveryId : `${deliveryId}-replay-${replays}`;
}

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

/**
 * Sets a failed delivery pending again for a replay; undefined when it is not failed. The caller
 * enqueues the returned job id (new for every replay) and marks it enqueued.
 */
export async function prepareWebhookReplay(db: Executor, id: string): Promise<{ delivery: WebhookDelivery; jobId: string } | undefined> {
  const row = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'pending', replays: eb('replays', '+', 1), enqueued_at: null, updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  return { delivery: toDelivery(row), jobId: webhookDeliveryJobId(row.id, row.replays) };
}
