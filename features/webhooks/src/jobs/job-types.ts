import { Type } from 'typebox';
import { closed } from '@leadmatch/domain';
import { jobType, type JobType } from '@leadmatch/jobs';

/**
 * Fans new lead events out into webhook deliveries (after a cursor kept in the database) and
 * enqueues a delivery job for each; idempotent, so it runs on a short schedule. `settleMs` keeps it
 * behind the newest events, so a transaction that commits late is never skipped.
 */
export const relayWebhookEvents = jobType({
  name: 'webhooks.relay',
  queue: 'webhooks',
  payload: Type.Object({ settleMs: Type.Integer({ minimum: 0, maximum: 60_000 }) }, closed),
  attempts: 1,
});

/** POSTs one delivery to its subscription's URL; retried with exponential backoff. Carries only the delivery id. */
export const deliverWebhook = jobType({
  name: 'webhooks.deliver',
  queue: 'webhooks',
  payload: Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }, closed),
  attempts: 6,
  backoffMs: 30_000,
});

/** Webhook fan-out and delivery. */
export const webhookJobTypes: readonly JobType[] = [relayWebhookEvents, deliverWebhook];
