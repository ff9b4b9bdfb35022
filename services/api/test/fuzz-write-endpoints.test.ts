import { readSeedDocument, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import fc from 'fast-check';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { API_KEYS, auth, buildTestAppWithRoutes, KEYS, validLead } from './support.ts';

/**
 * Every write route, fed hostile bodies and path parameters by an admin key (allowed everywhere):
 * never a 5xx, every refusal is problem+json, and a refused request leaves every table of this
 * file's own database as it was. New write routes are fuzzed without being named here.
 */

t.setTimeout(110_000);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NUM_RUNS = 30;
const admin = auth(KEYS.admin);

/**
 * Hostile bodies are slow to build and parse on a busy machine; shedding load or limiting the rate
 * would answer for them before validation does, which is not what this file examines.
 */
const { app, database, routes } = await buildTestAppWithRoutes(t, {
  config: loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '1000000' }),
  loadShedding: { maxEventLoopDelayMs: 600_000 },
});
const db = database.db as unknown as Kysely<unknown>;

async function must(method: 'POST', url: string, payload: object): Promise<{ id: string }> {
  const response = await app.inject({ method, url, headers: admin, payload });
  if (response.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

/** The lead is read back from its table, so the setup does not depend on the shape of the lead view. */
async function createLead(): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: admin, payload: validLead() });
  const { rows } = await sql<{ id: string }>`select id::text as id from leads limit 1`.execute(db);
  if (!rows[0]) throw new Error(`setup: POST /v1/leads stored no lead: ${response.statusCode} ${response.body}`);
  return rows[0];
}

async function createObjects() {
  const lead = await createLead();
  const staff = await must('POST', '/v1/staff', { name: '李雷', role: 'officer', active: true });
  const task = await must('POST', `/v1/leads/${lead.id}/follow-ups`, { kind: 'call_back', dueAt: inADay(), assigneeId: staff.id });
  const hook = await must('POST', '/v1/webhook-subscriptions', {
    url: 'https://crm.example.com/hooks',
    secret: 'a-shared-secret-of-some-length',
    events: ['lead.matched'],
  });
  return { lead, staff, task, hook };
}

/** A plausible valid body per route, to mutate one field at a time; `{}` where nothing is known. */
function validBody(route: RouteOptions): unknown {
  const url = route.url;
  const entity = /^\/v1\/(parks|carriers|policies|platforms|sources|industries)(\/|$)/.exec(url)?.[1];
  if (entity && url !== '/v1/industries/classify') {
    const docs = (seeds as Record<string, unknown[] | undefined>)[entity === 'platforms' ? 'platforms' : entity] ?? [];
    return docs[0] ?? {};
  }
  const known: Record<string, unknown> = {
    '/v1/leads': validLead(),
    '/v1/match': validLead(),
    '/v1/leads/:id': { notes: '改为明年投产', uses: ['rnd'] },
    '/v1/catalog/import': { sources: seeds.sources?.slice(0, 1) ?? [] },
    '/v1/industries/classify': { text: '生物医药' },
    '/v1/staff': { name: '韩梅梅', role: 'officer', active: true },
    '/v1/staff/:id': { active: false },
    '/v1/leads/:id/follow-ups': { kind: 'call_back', dueAt: inADay() },
    '/v1/follow-ups/:id': { dueAt: inADay() },
    '/v1/follow-ups/:id/snooze': { until: inADay() },
    '/v1/follow-ups/:id/complete': { note: '已回电' },
    '/v1/follow-ups/:id/cancel': { note: '客户取消' },
    '/v1/webhook-subscriptions': { url: 'https://crm.example.com/other', secret: 'another-secret-long-enough', events: ['lead.matched'] },
    '/v1/webhook-subscriptions/:id': { active: false },
  };
  return known[url] ?? {};
}

// ---------------------------------------------------------------- what "nothing written" means

async function tableNames(): Promise<{ name: string; hasUpdatedAt: boolean }[]> {
  const { rows } = await sql<{ name: string; has_updated_at: boolean }>`
    select format('%I.%I', t.table_schema, t.table_name) as name,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at') as has_updated_at
    from information_schema.tables t
    where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
    order by 1`.execute(db);
  return rows.map((row) => ({ name: row.name, hasUpdatedAt: row.has_updated_at }));
}

/** Row counts and the latest updated_at of every table of this file's database. */
async function snapshot(): Promise<Record<string, string>> {
  const parts = tables.map(
    ({ name, hasUpdatedAt }) =>
      `select '${name}' as name, count(*)::text || ' ' || ${hasUpdatedAt ? 'coalesce(max(updated_at)::text, \'-\')' : "'-'"} as state from ${name}`,
  );
  const { rows } = await sql<{ name: string; state: string }>`${sql.raw(parts.join(' union all '))}`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.name, row.state]));
}

/**
 * Waits until the database stops changing: an accepted write may still hand work on after its answer
 * (a lead's match request goes to the job table), which must not count against the next request.
 */
async function quiet(): Promise<void> {
  let last = await snapshot();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await snapshot();
    if (changedTables(last, now).length === 0) return;
    last = now;
  }
}

/** Ids and codes of rows that exist, so path parameters reach real objects. */
async function existingIds(): Promise<string[]> {
  const { rows } = await sql<{ name: string; column_name: string }>`
    select format('%I.%I', table_schema, table_name) as name, column_name from information_schema.columns
    where table_schema not in ('pg_catalog', 'information_schema') and column_name in ('id', 'code')`.execute(db);
  const ids = await Promise.all(
    rows.map(async ({ name, column_name }) =>
      (await sql<{ id: string }>`${sql.raw(`select ${column_name}::text as id from ${name} limit 3`)}`.execute(db)).rows.map((row) => row.id),
    ),
  );
  return [...new Set([...ids.flat(), setup.lead.id, setup.staff.id, setup.task.id, setup.hook.id])];
}

// ---------------------------------------------------------------- hostile input

const HUGE_NUMBERS = ['1e308', '-1e308', '1e309', '9007199254740993', '-9007199254740993', '-0', '5e-324', '1e-400', '0.1e999999'];
const POLLUTING = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
];

const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary' }).map((text) => JSON.stringify(text)),
  fc.constantFrom(...HUGE_NUMBERS),
  fc.constantFrom(...POLLUTING),
  fc.integer({ min: 101, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 101, max: 2000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 100_000, max: 120_000 }).map((length) => JSON.stringify('字'.repeat(length))),
);

function anythingAsJson() {
  return fc
    .anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true })
    .map((value) => JSON.stringify(value) ?? 'null');
}

/** Every place in a JSON value a mutation can go, as key paths. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  }
  return here;
}

const PLACEHOLDER = '\u0000mutated\u0000';

/** The valid body with the value at one path replaced by raw JSON text (which may be no valid JSON value at all). */
function mutate(base: unknown, path: (string | number)[], raw: string): string {
  if (!path.length) return raw;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

/** A valid body with dangerous keys spliced in as own keys of the top-level object. */
function withPollutingKeys(base: unknown, raw: string): string {
  const text = JSON.stringify(base);
  if (!text.startsWith('{') || text === '{}') return raw;
  return `${raw.slice(0, -1)},${text.slice(1)}`;
}

function bodiesFor(route: RouteOptions): fc.Arbitrary<string | undefined> {
  const base = validBody(route);
  const paths = pathsOf(base);
  return fc.oneof(
    nasty,
    anythingAsJson(),
    fc.string({ unit: 'binary' }),
    fc.constant(undefined),
    fc.integer({ min: 64 * 1024 + 1, max: 80 * 1024 }).map((size) => JSON.stringify({ filler: 'x'.repeat(size) })),
    fc.constantFrom(...POLLUTING).map((raw) => withPollutingKeys(base, raw)),
    paths.length
      ? fc.tuple(fc.constantFrom(...paths), fc.oneof(nasty, anythingAsJson())).map(([path, raw]) => mutate(base, path, raw))
      : nasty,
  );
}

// ---------------------------------------------------------------- setup, then the checks

await seedCatalog(database.db);
const seeds = await readSeedDocument();
const setup = await createObjects();
const tables = await tableNames();
const realIds = await existingIds();

/** Sent as they are, not encoded: percent-escapes that decode to nothing valid. */
const BROKEN_ESCAPES = ['%E0%A4%A', '%zz', '%'];

const paramValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...realIds) },
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '..', '%00', 'x'.repeat(150)),
  fc.constantFrom(...BROKEN_ESCAPES),
);

function urlFor(route: RouteOptions, values: string[]): string {
  let i = 0;
  return route.url.replace(/:[A-Za-z]+/g, () => {
    const value = values[i++] ?? '';
    return BROKEN_ESCAPES.includes(value) ? value : encodeURIComponent(value);
  });
}

// ---------------------------------------------------------------- the checks

function refusalProblems(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  if (response.statusCode >= 500) problems.push(`status ${response.statusCode}`);
  if (response.statusCode < 400) return problems;
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    problems.push(`content-type ${response.headers['content-type']}`);
  }
  try {
    const problem = response.json() as { status?: unknown; type?: unknown; title?: unknown };
    if (problem.status !== response.statusCode) problems.push(`problem.status ${String(problem.status)}`);
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string') problems.push('no type or title');
  } catch {
    problems.push('the body is not JSON');
  }
  return problems;
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((name) => before[name] !== after[name]).map((name) => `${name}: ${before[name]} -> ${after[name]}`);
}

/** Long strings (the 100 KB ones) cut short, so the counterexample stays readable; the seed and path replay it in full. */
function failureReport(run: fc.RunDetails<[string[], string | undefined]>): string {
  const shorten = (_key: string, value: unknown) =>
    typeof value === 'string' && value.length > 300 ? `${value.slice(0, 200)}… (${value.length} characters)` : value;
  return [
    `counterexample: ${JSON.stringify(run.counterexample, shorten)}`,
    `replay with { seed: ${run.seed}, path: "${run.counterexamplePath}" }`,
    String(run.errorInstance instanceof Error ? run.errorInstance.message : run.errorInstance).slice(0, 1000),
  ].join('\n');
}

const writeRoutes = routes.filter((route) => WRITE_METHODS.has(String(route.method)) && !route.url.startsWith('/docs'));

t.ok(writeRoutes.length >= 20, `fuzzes every write route (${writeRoutes.length})`);

t.test('the snapshot sees a write', async (t) => {
  const before = await snapshot();
  await must('POST', '/v1/staff', { name: '王芳', role: 'officer', active: true });
  t.match(changedTables(before, await snapshot()), [/^public\.staff: /]);
});

for (const route of writeRoutes) {
  const method = String(route.method) as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const paramCount = route.url.match(/:[A-Za-z]+/g)?.length ?? 0;
  t.test(`${method} ${route.url}`, async (t) => {
    const property = fc.asyncProperty(
      fc.array(paramValue, { minLength: paramCount, maxLength: paramCount }),
      bodiesFor(route),
      async (params, body) => {
        const before = await snapshot();
        const response = await app.inject({
          method,
          url: urlFor(route, params),
          headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: body }),
        });
        const problems = refusalProblems(response);
        if (response.statusCode >= 400) problems.push(...changedTables(before, await snapshot()));
        else await quiet();
        if (problems.length) {
          throw new Error(`${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`);
        }
      },
    );
    const run = await fc.check(property, { numRuns: NUM_RUNS });
    t.notOk(run.failed, run.failed ? failureReport(run) : `${NUM_RUNS} hostile requests`);
  });
}

t.test('no request polluted Object.prototype', async (t) => {
  t.equal(({} as Record<string, unknown>).polluted, undefined);
  t.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});
