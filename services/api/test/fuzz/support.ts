import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { loadConfig } from '@leadmatch/config';
import { API_KEYS, auth, buildTestAppWithRoutes, KEYS } from '../support.ts';

/** What every fuzz file shares: the app it fuzzes, the admin key, body surgery, the rules every refusal keeps. */

/** The fuzz sends everything as an admin key, which every route allows. */
export const admin = auth(KEYS.admin);

/**
 * An app on this test file's own database, with every route it registers. Hostile bodies are slow to
 * build and parse on a busy machine; shedding load or limiting the rate would answer for them before
 * validation does, which is not what the fuzz examines. So no load shedding (a test app has none unless
 * asked: under-pressure counts a sample interval without a single event-loop tick as an infinite delay,
 * whatever the limit) and a rate limit no fuzz reaches.
 */
export function buildFuzzApp(t: Test) {
  return buildTestAppWithRoutes(t, {
    config: loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '1000000' }),
  });
}

/** POSTs as the admin key to set a test up; the id of what it made. */
export async function created(app: FastifyInstance, url: string, payload: object): Promise<string> {
  const response = await app.inject({ method: 'POST', url, headers: admin, payload });
  if (response.statusCode >= 300) throw new Error(`setup POST ${url}: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

export const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

// ---------------------------------------------------------------- body surgery

/** Every place in a JSON value a mutation can go, as key paths (the whole body, `[]`, first). */
export function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return [path];
}

/** Stands for a value in JSON text until raw JSON text (which may be no valid JSON value at all) replaces it. */
export const PLACEHOLDER = '\u0000mutated\u0000';

/** The body with the value at one path replaced by raw JSON text. */
export function replaceAt(base: unknown, path: (string | number)[], raw: string): string {
  if (!path.length) return raw;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

// ---------------------------------------------------------------- the checks

/**
 * What breaks the rules every answer keeps: never a 5xx, and every 4xx a problem+json document whose
 * status is the answer's, with a type and a title. Empty when the answer keeps them.
 */
export function refusalProblems(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  if (status >= 500) problems.push(`a ${status}`);
  if (status < 400) return problems;
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) problems.push(`content-type ${String(response.headers['content-type'])}`);
  let problem: { status?: unknown; type?: unknown; title?: unknown };
  try {
    problem = response.json();
  } catch {
    return [...problems, 'the body is not JSON'];
  }
  if (problem.status !== status) problems.push(`problem.status ${String(problem.status)}`);
  if (typeof problem.type !== 'string' || problem.type === '') problems.push('no type');
  if (typeof problem.title !== 'string') problems.push('no title');
  return problems;
}

/** For JSON.stringify: long strings (the 100 KB ones) and buffers cut short, so a counterexample stays readable. */
export const shorten = (_key: string, value: unknown) =>
  typeof value === 'string' && value.length > 300 ? `${value.slice(0, 200)}… (${value.length} characters)` : Buffer.isBuffer(value) ? `<${value.length} bytes>` : value;

/** The last test of a fuzz file: none of the requests it sent polluted Object.prototype in this process. */
export function testNoPrototypePollution(t: Test) {
  t.test('no request polluted Object.prototype', async (t) => {
    t.equal(({} as Record<string, unknown>).polluted, undefined);
    t.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });
}
