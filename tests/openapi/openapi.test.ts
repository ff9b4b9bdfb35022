import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { API_KEYS, buildTestApp } from '@leadmatch/api/testing';
import { loadConfig } from '@leadmatch/config';
import { redisPrefix, serviceUrl } from '@leadmatch/testing';
import {
  CLIENT_TYPES,
  clientTypesText,
  documentText,
  OPENAPI_JSON,
  servedDocument,
} from '../../packages/client/scripts/openapi-files.ts';
import { ROOT } from '../support/process.ts';

const run = promisify(execFile);
const REGENERATE = 'run `npm run openapi` and commit the result';

const committedText = await readFile(OPENAPI_JSON, 'utf8');
const committed = JSON.parse(committedText);
const served = await servedDocument();

const pointerOf = (segments: (string | number)[]) =>
  segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('') || '/';

/** JSON pointers where two JSON values differ (the first few), so a failure names what changed. */
function differences(a: unknown, b: unknown, path: string[] = [], found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    if (!Object.is(a, b)) found.push(pointerOf(path));
    return found;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key], found);
  }
  return found;
}

async function documentOf(app: FastifyInstance): Promise<unknown> {
  const response = await app.inject({ url: '/docs/json' });
  if (response.statusCode !== 200) throw new Error(`GET /docs/json answered ${response.statusCode}`);
  return response.json();
}

t.test('the committed openapi.json is the document the API serves', async (t) => {
  t.same(differences(committed, served), [], `openapi.json and GET /docs/json differ at no JSON pointer (else ${REGENERATE})`);
  t.ok(committedText === documentText(served), `openapi.json is laid out as \`npm run openapi\` writes it (else ${REGENERATE})`);
});

t.test('the served document does not depend on the environment', async (t) => {
  const { app } = await buildTestApp(t);
  t.same(differences(await documentOf(app), served), [], 'other API keys and another database give the same document');

  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    API_KEYS,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: redisPrefix(t, redisUrl, 'openapi'),
    HOST: '127.0.0.1',
    PORT: '8443',
    RATE_LIMIT_PER_MINUTE: '5',
  });
  const { app: withRedis } = await buildTestApp(t, { config });
  t.same(differences(await documentOf(withRedis), served), [], 'Redis, a queue prefix, a host and port and a rate limit change nothing');
});

t.test('openapi.json is a valid OpenAPI 3.1 document', async (t) => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(committed));
  t.equal(validator.version, '3.1', 'checked against the OpenAPI 3.1 schema');
  t.same(result.errors ?? [], [], 'no error against that schema');
  t.equal(result.valid, true, 'valid');
});

t.test("Spectral's OpenAPI ruleset finds no error in openapi.json", async (t) => {
  const spectral = join(ROOT, 'node_modules/.bin/spectral');
  const args = ['lint', OPENAPI_JSON, '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'];
  // Spectral exits non-zero when it finds errors; its JSON report is on stdout either way.
  const { stdout } = await run(spectral, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  const results = JSON.parse(stdout) as { code: string; message: string; path: string[]; severity: number }[];
  const errors = results.filter((result) => result.severity === 0).map((result) => `${result.code} at ${pointerOf(result.path)}: ${result.message}`);
  t.same(errors, [], 'no Spectral errors');
});

t.test('the client types are generated from the committed openapi.json', async (t) => {
  const types = await readFile(CLIENT_TYPES, 'utf8');
  t.ok(types === (await clientTypesText(committed)), `packages/client/src/openapi.generated.ts is up to date (else ${REGENERATE})`);
});

t.test('shared schemas and problem answers are components, operations have unique ids, defaulted query parameters are optional', async (t) => {
  type Operation = { operationId?: string; parameters?: { in: string; required?: boolean; schema?: Record<string, unknown> }[]; responses: Record<string, unknown> };
  const operations = Object.values(served.paths as Record<string, Record<string, Operation>>).flatMap((methods) => Object.values(methods));
  const ids = operations.map((operation) => operation.operationId);
  t.notOk(ids.includes(undefined), 'every operation has an operationId');
  t.equal(new Set(ids).size, ids.length, 'and no two share one');
  for (const name of ['Problem', 'Lead', 'LeadInput', 'LeadPatch', 'MatchResult', 'ParkDetail']) t.ok(served.components?.schemas?.[name], `${name} is a component`);
  const text = JSON.stringify(served);
  t.ok(text.includes('"$ref":"#/components/schemas/Problem"'), 'error answers refer to the Problem component');
  const uses = JSON.stringify({ paths: served.paths, responses: served.components?.responses });
  t.notOk(uses.includes('"description":"RFC 9457 problem+json'), 'and never repeat it inline');
  const responses = operations.flatMap((operation) => Object.entries(operation.responses));
  const problemRefs = responses.filter(([, response]) => String((response as { $ref?: string }).$ref).startsWith('#/components/responses/'));
  t.ok(problemRefs.length > operations.length, `${problemRefs.length} problem answers refer to components.responses`);
  const inline = responses.filter(([, response]) => JSON.stringify(response).includes('application/problem+json'));
  t.ok(inline.length <= 1, `problem answers are written once, not per route (${inline.length} worded differently)`);
  for (const [name, response] of Object.entries(served.components?.responses ?? {})) {
    t.match(response, { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }, `${name} is a problem answer`);
  }
  const defaulted = operations.flatMap((operation) => operation.parameters ?? []).filter((parameter) => parameter.in === 'query' && parameter.schema && 'default' in parameter.schema);
  t.ok(defaulted.length > 0, `${defaulted.length} query parameters have defaults`);
  t.same(defaulted.filter((parameter) => parameter.required), [], 'none of them is required');
});
