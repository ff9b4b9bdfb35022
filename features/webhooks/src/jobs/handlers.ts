import type { Kysely } from 'kysely';
import type { Database, PersonalData } from '@leadmatch/db';
import type { AllowedNetworks } from '@leadmatch/domain';
import { type JobHandlers, type JobQueue } from '@leadmatch/jobs';
import { relayLeadEvents, unenqueuedWebhookDeliveries } from '../relay-repository.ts';
import { failWebhookDelivery, countWebhookAttempt, recordWebhookAttempt, webhookDeliveryToSend } from '../sending-repository.ts';
import { signedWebhookHeaders } from '../signing.ts';
import { enqueueWebhookDeliveries } from './enqueue.ts';
import { deliverWebhook, relayWebhookEvents } from './job-types.ts';
import { sendWebhook, webhookBody } from './send.ts';

export interface WebhookOptions {
  /** Networks that are not public but may receive webhooks (WEBHOOK_ALLOWED_NETWORKS); none by default. */
  allowedNetworks?: AllowedNetworks;
  /** How long a receiver may take to answer; defaults to 10 s. */
  timeoutMs?: number;
  /** Overrides the delivery job type's first retry delay (tests). */
  backoffMs?: number;
}

export interface WebhookJobDependencies {
  db: Kysely<Database>;
  queue: JobQueue;
  /** Opens the sealed subscription secrets deliveries are signed with. */
  personalData: PersonalData;
  now: () => Date;
  /** Delivery overrides (tests); production defaults when absent. */
  webhooks?: WebhookOptions | undefined;
  /** Counts delivery attempts by outcome, when given. */
  deliveryAttempts?: { inc(labels: { outcome: 'delivered' | 'failed' | 'retrying' }): void } | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const RELAY_BATCH = 500;
const RELAY_MAX_BATCHES = 20;

/** Binds the webhook job types to their handlers. */
export function registerWebhookHandlers(handlers: JobHandlers, deps: WebhookJobDependencies): JobHandlers {
  const { db, queue, now, personalData } = deps;
  const attempts = deps.deliveryAttempts;
  const options = deps.webhooks ?? {};
  const allowedNetworks = options.allowedNetworks ?? [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deliverType = options.backoffMs === undefined ? deliverWebhook : { ...deliverWebhook, backoffMs: options.backoffMs };

  return handlers
    .on(relayWebhookEvents, async ({ settleMs }, ctx) => {
      // Deliveries whose job never reached the queue first, then new events.
      await enqueueWebhookDeliveries(queue, db, await unenqueuedWebhookDeliveries(db, RELAY_BATCH), ctx.log, deliverType);
      let events = 0;
      let created = 0;
      for (let batch = 0; batch < RELAY_MAX_BATCHES; batch++) {
        const relayed = await relayLeadEvents(db, { settleMs, limit: RELAY_BATCH });
        events += relayed.events;
        created += relayed.deliveries.length;
        await enqueueWebhookDeliveries(queue, db, relayed.deliveries, ctx.log, deliverType);
        if (relayed.events < RELAY_BATCH) break;
      }
      if (events) ctx.log.info({ events, deliveries: created }, 'relayed lead events to webhook subscriptions');
    })
    .on(deliverType, async ({ deliveryId }, ctx) => {
      const delivery = await webhookDeliveryToSend(db, personalData, deliveryId);
      if (!delivery || delivery.status !== 'pending') return; // deleted, already delivered, or a stale job
      if (!delivery.active) {
        await failWebhookDelivery(db, deliveryId, 'the subscription is inactive');
        return;
      }
      const body = webhookBody(delivery.event);
      await countWebhookAttempt(db, deliveryId);
      const outcome = await sendWebhook(
        { url: delivery.url, body, signedHeaders: signedWebhookHeaders(delivery.secrets, delivery.event.id, body, now()), timeoutMs },
        allowedNetworks,
      );
      const last = ctx.attempt >= deliverType.attempts;
      attempts?.inc({ outcome: outcome.ok ? 'delivered' : last ? 'failed' : 'retrying' });
      if (outcome.ok) {
        await recordWebhookAttempt(db, deliveryId, { status: 'delivered', statusCode: outcome.statusCode, error: null });
        ctx.log.info({ deliveryId, eventType: delivery.event.type, statusCode: outcome.statusCode }, 'webhook delivered');
        return;
      }
      await recordWebhookAttempt(db, deliveryId, { status: last ? 'failed' : 'pending', statusCode: outcome.statusCode, error: outcome.error });
      throw new Error(`webhook delivery ${deliveryId} failed${last ? ' for the last time' : ''}: ${outcome.error}`);
    });
}
