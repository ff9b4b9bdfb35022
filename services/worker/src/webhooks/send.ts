import { createHmac } from 'node:crypto';

/** The JSON body a receiver gets: the event's stable id, its type and time, and its data (ids and business facts only). */
export function webhookBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the subscription's secret. */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** One POST: no redirects followed (a 3xx is a failure), a timeout, and the answer's body discarded. */
export async function sendWebhook(
  fetchImpl: typeof fetch,
  request: { url: string; eventId: string; body: string; signature: string; timeoutMs: number },
): Promise<SendOutcome> {
  try {
    const response = await fetchImpl(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'leadmatch-webhooks/1',
        'x-event-id': request.eventId,
        'x-signature': request.signature,
      },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `the receiver answered HTTP ${response.status}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: describeFetchError(err, request.timeoutMs) };
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `could not reach the receiver: ${detail}`.slice(0, 500);
}
