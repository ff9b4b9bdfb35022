import { sql, type Selectable } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';
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
