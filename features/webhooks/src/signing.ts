import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * A subscription's secret as a Standard Webhooks key: `whsec_` and the base64 of its UTF-8 bytes.
 * The key is the very secret the subscriber chose, so subscriptions made before Standard Webhooks
 * need no change: their owners derive it the same way.
 */
export function standardWebhooksSecret(secret: string): string {
  return `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/**
 * `webhook-id`, `webhook-timestamp` and `webhook-signature` as the Standard Webhooks specification
 * defines them: the signature covers `<id>.<timestamp>.<body>`, one `v1,<base64>` per secret,
 * separated by spaces (two during a rotation's overlap, the current secret's first).
 */
export function standardWebhookHeaders(secrets: readonly string[], messageId: string, body: string, at: Date): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(standardWebhooksSecret(secret)).sign(messageId, at, body)).join(' '),
  };
}

/**
 * Deprecated (kept for one more release beside the Standard Webhooks headers):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, one v1 per secret, the current one first.
 */
export function webhookSignature(secrets: readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1s = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  return [`t=${t}`, ...v1s].join(',');
}

/**
 * The headers that identify and sign one attempt: Standard Webhooks', with the event id as
 * `webhook-id` (the same on every retry and replay), and the deprecated `X-Event-Id` and `X-Signature`.
 */
export function signedWebhookHeaders(secrets: readonly string[], eventId: string, body: string, at: Date): Record<string, string> {
  return {
    ...standardWebhookHeaders(secrets, eventId, body, at),
    'x-event-id': eventId,
    'x-signature': webhookSignature(secrets, body, at),
  };
}
