import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '@leadmatch/db';
import type { LeadEventsTable } from '@leadmatch/leads';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookSubscriptionsTable {
  id: Generated<string>;
  url: string;
  /** Plaintext from before sealing: emptied at boot, never written again. */
  secret: string | null;
  /** Sealed (see personal-data.ts); the worker opens it to sign deliveries. Never returned by the API. */
  secret_sealed: string | null;
  /** The masked hint the API shows: `****` and the last 4 characters. */
  secret_hint: string | null;
  /** The secret before the last rotation, still signing deliveries until `previous_secret_until`. */
  previous_secret_sealed: string | null;
  previous_secret_until: Date | null;
  events: string[];
  active: Generated<boolean>;
  /** The API key id that created it. */
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: Generated<WebhookDeliveryStatus>;
  /** HTTP attempts so far, replays included. */
  attempts: Generated<number>;
  replays: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  /** When its delivery job was handed to the queue; null until then (the relay retries). */
  enqueued_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  delivered_at: Date | null;
}

export interface WebhookRelayStateTable {
  singleton: Generated<boolean>;
  last_created_at: Date | null;
  last_event_id: string | null;
}

declare module '@leadmatch/db' {
  interface Database {
    webhook_subscriptions: WebhookSubscriptionsTable;
    webhook_deliveries: WebhookDeliveriesTable;
    webhook_relay_state: WebhookRelayStateTable;
  }
}

/** Deliveries are made from the lead events the leads feature records. */
export type RelayedEventsTable = LeadEventsTable;
