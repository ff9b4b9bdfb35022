import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, literalAddress, type AllowedNetworks } from '@leadmatch/domain';

/** The JSON body a receiver gets: the event's stable id, its type and time, and its data (ids and business facts only). */
export function webhookBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

export interface SendOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

class RefusedTarget extends Error {}

/**
 * Resolves as Node would, then refuses the connection when any address is not allowed: the check is
 * made on the very addresses the socket connects to, so a name cannot resolve one way for a check
 * and another for the connection.
 */
function checkedLookup(allowed: AllowedNetworks): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refusal = addresses.map((entry) => addressRefusal(entry.address, allowed)).find((found) => found !== null);
      if (refusal) return callback(new RefusedTarget(`${hostname} resolves to ${refusal}`), '', 0);
      if (options.all) return (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function post(url: URL, options: RequestOptions, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * One POST: no redirects followed (a 3xx is a failure), a timeout, the answer's body discarded, and
 * only to an address that is public or in an allowed network, checked on the address connected to.
 */
export async function sendWebhook(
  request: { url: string; body: string; signedHeaders: Record<string, string>; timeoutMs: number },
  allowed: AllowedNetworks,
): Promise<SendOutcome> {
  const url = new URL(request.url);
  const literal = literalAddress(url);
  const refusal = literal ? addressRefusal(literal, allowed) : null;
  if (refusal) return { ok: false, statusCode: null, error: refusedMessage(refusal) };
  try {
    const status = await post(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'leadmatch-webhooks/1',
          ...request.signedHeaders,
        },
        lookup: checkedLookup(allowed),
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      request.body,
    );
    const ok = status >= 200 && status < 300;
    return { ok, statusCode: status, error: ok ? null : `the receiver answered HTTP ${status}` };
  } catch (err) {
    return { ok: false, statusCode: null, error: describeSendError(err, request.timeoutMs) };
  }
}

const refusedMessage = (refusal: string) => `not sent: ${refusal} (WEBHOOK_ALLOWED_NETWORKS can allow an on-premises network)`.slice(0, 500);

function describeSendError(err: unknown, timeoutMs: number): string {
  if (err instanceof RefusedTarget) return refusedMessage(err.message);
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const code = (err as { code?: string } | undefined)?.code;
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return `could not reach the receiver: ${detail}`.slice(0, 500);
}
