import { sql } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';
import type { WebhookDeliveryStatus } from './tables.ts';

export interface DeliveryToSend {
  id: string;
  status: WebhookDeliveryStatus;
  url: string;
  /** The secrets to sign with: the current one, then the one it replaced while that is still valid. */
  secrets: string[];
  active: boolean;
  event: { id: string; type: string; createdAt: Date; data: unknown };
}

/** A delivery with what sending it needs: its subscription and its event. */
export async function webhookDeliveryToSend(db: Executor, personalData: PersonalData, id: string): Promise<DeliveryToSend | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('lead_events as e', 'e.id', 'd.event_id')
    .select(['d.id', 'd.status', 's.url', 's.secret', 's.secret_sealed', 's.active', 'e.id as event_id', 'e.type', 'e.created_at', 'e.data'])
    .select(sql<string | null>`case when s.previous_secret_until > now() then s.previous_secret_sealed end`.as('previous_secret_sealed'))
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const current = row.secret_sealed === null ? row.secret : personalData.open('webhook_secret', row.secret_sealed);
  const previous = row.previous_secret_sealed && personalData.open('webhook_secret', row.previous_secret_sealed);
  return {
    id: row.id,
    status: row.status,
    url: row.url,
    secrets: [current, previous].filter((secret): secret is string => Boolean(secret)),
    active: row.active,
    event: { id: row.event_id, type: row.type, createdAt: row.created_at, data: row.data },
  };
}

/**
 * Counts an attempt before its POST goes out: a POST whose outcome is never recorded (its worker died
 * while waiting for the answer) still counts, so `attempts` is never below what the receiver saw.
 */
export async function countWebhookAttempt(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .execute();
}

/** The outcome of the attempt last counted by `countWebhookAttempt`. */
export async function recordWebhookAttempt(
  db: Executor,
  id: string,
  outcome: { status: WebhookDeliveryStatus; statusCode: number | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      updated_at: sql`now()`,
      ...(outcome.status === 'delivered' ? { delivered_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a delivery failed without an attempt (its subscription was switched off). */
export async function failWebhookDelivery(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', last_error: error, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
