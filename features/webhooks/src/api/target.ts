import { lookup } from 'node:dns/promises';
import { DomainError, webhookTargetRefusal, type AllowedNetworks } from '@leadmatch/domain';
import { withTimeout } from '@leadmatch/http';

/** A name that takes longer than this to resolve is left to the check at each delivery. */
const RESOLVE_TIMEOUT_MS = 2000;

async function resolveAll(host: string): Promise<string[]> {
  const addresses = await withTimeout(lookup(host, { all: true }), RESOLVE_TIMEOUT_MS, `${host} did not resolve within ${RESOLVE_TIMEOUT_MS} ms`);
  return addresses.map((entry) => entry.address);
}

function refuse(message: string): never {
  throw new DomainError('validation-failed', 422, 'The body has 1 invalid field(s).', [{ pointer: '/url', location: 'body', message }]);
}

/**
 * Only absolute http and https URLs without credentials, whose host is a public address or resolves
 * only to public ones (or to networks WEBHOOK_ALLOWED_NETWORKS allows). The worker checks again at
 * every delivery, on the address it connects to.
 */
export async function assertWebhookUrl(url: string | undefined, allowed: AllowedNetworks): Promise<void> {
  if (url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('must be an absolute http or https URL');
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) refuse('must be an http or https URL');
  if (parsed.username || parsed.password) refuse('must not hold a user name or password');
  const refusal = await webhookTargetRefusal(parsed, allowed, resolveAll);
  if (refusal) refuse(`must reach a public address: ${refusal} (an operator can allow a network with WEBHOOK_ALLOWED_NETWORKS)`);
}
