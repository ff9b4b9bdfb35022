import { createHash } from 'node:crypto';
import { canonicalJson } from '@leadmatch/domain';

/** Key order does not change a JSON body's meaning, so it does not change its hash either. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n`).update(canonicalJson(body)).digest('hex');
}
