import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Test } from 'tap';

/**
 * The deprecated X-Signature check (kept one more release), as the README described it: split the header, reject a `t` more than
 * 300 s away, HMAC-SHA256 over `${t}.${rawBody}` with the secret as hex, and accept when any `v1`
 * (two during a secret rotation) equals it, compared in constant time.
 */
export function verifyWebhook(rawBody: string, signatureHeader: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const pairs = signatureHeader.split(',').map((part) => part.trim().split('=', 2));
  const t = Number(pairs.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  return pairs
    .filter(([key]) => key === 'v1')
    .some(([, v1]) => {
      const given = Buffer.from(String(v1 ?? ''));
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/**
 * The README's Standard Webhooks verification: the official library checks `webhook-id`,
 * `webhook-timestamp` and `webhook-signature` against the raw body with the subscription's
 * `standardWebhooksSecret`; false when it throws.
 */
export function verifyStandardWebhook(rawBody: string, headers: IncomingHttpHeaders, standardWebhooksSecret: string): boolean {
  try {
    new Webhook(standardWebhooksSecret).verify(rawBody, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer on a path, in order; once used up, `fallback` (200 unless set). */
  script(path: string, statuses: number[], fallback?: number): void;
}

/**
 * A real HTTP server on 127.0.0.1 that records every request, closed at teardown. `answerAfterMs`
 * holds each answer back, so a delivery stays in flight long enough to be interrupted.
 */
export async function startReceiver(t: Test, { answerAfterMs = 0 } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, { statuses: number[]; fallback: number }>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, rawBody, body: JSON.parse(rawBody) });
      const script = scripts.get(path);
      const status = script?.statuses.shift() ?? script?.fallback ?? 200;
      const answer = () => response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      if (answerAfterMs > 0) setTimeout(answer, answerAfterMs);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (path, statuses, fallback = 200) => scripts.set(path, { statuses: [...statuses], fallback }),
  };
}
