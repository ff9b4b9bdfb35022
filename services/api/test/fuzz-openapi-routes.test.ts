import { readFile } from 'node:fs/promises';
import { seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { createAjv } from '@leadmatch/domain';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import t from 'tap';
import {
  EXTREME_JSON_NUMBERS,
  flattenAllOf,
  FORMAT_EDGES,
  holdsRefused,
  NON_FINITE_JSON,
  oddButStorableText,
  percentEncode,
  refusedText,
  resolveRef,
  valueArbitrary,
  type Hint,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from './openapi-arbitraries.ts';
import { API_KEYS, auth, buildTestApp, KEYS, validLead } from './support.ts';

/**
 * Every operation of the committed openapi.json, fuzzed from its own schemas by an admin key (issue 14):
 * path parameters (schema-valid, ids of real objects, hostile), query parameters (schema-valid, control
 * characters, lone surrogates, numbers out of range, overlong text, garbage cursors) and bodies (valid
 * from the schema or a real document, then one field replaced by a hostile value, a wrong type or a
 * number out of double range written as raw JSON). The answer is never a 5xx; every 4xx is a
 * problem+json document of the shape openapi.json gives `Problem`; a validation problem names its
 * fields; and a request carrying a character the API refuses is never accepted, and when refused as
 * invalid text the problem names where the character was. Beside the random runs, every unusual text a
 * format allows (a leap second, a `urn:uuid:` id …) and every extreme number is sent once in every
 * place that has that format or a number.
 *
 * Reproduce a failure with FUZZ_SEED=<the seed printed> (and FUZZ_RUNS to run more or fewer requests).
 */

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_140_014);
t.setTimeout(120_000);

// ---------------------------------------------------------------- the operations

const document = JSON.parse(await readFile(new URL('../../../openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
const FUZZED_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = Uppercase<(typeof FUZZED_METHODS)[number]>;
const OTHER_HTTP_METHODS = ['head', 'options', 'trace', 'connect', 'query'];

/**
 * Operations left out, each with why ("METHOD /path" as openapi.json writes it). None today: the queue
 * dashboard (HTML) and /docs are not in openapi.json, and no operation streams (SSE).
 */
const EXCLUDED: Record<string, string> = {};

interface Operation {
  key: string;
  method: Method;
  path: string;
  spec: OpenApiOperation;
}

const operations: Operation[] = [];
const unhandled: string[] = [];
for (const [path, item] of Object.entries(document.paths)) {
  for (const [name, spec] of Object.entries(item)) {
    const key = `${name.toUpperCase()} ${path}`;
    if ((FUZZED_METHODS as readonly string[]).includes(name)) {
      if (!(key in EXCLUDED)) operations.push({ key, method: name.toUpperCase() as Method, path, spec: spec as OpenApiOperation });
    } else if (OTHER_HTTP_METHODS.includes(name)) {
      unhandled.push(key);
    }
  }
}
// Deletions last, so the other operations still find the real objects they are given.
operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

const parametersOf = (operation: Operation, where: OpenApiParameter['in']) => (operation.spec.parameters ?? []).filter((p) => p.in === where);

function bodySchemaOf(operation: Operation): JsonSchema | undefined {
  const content = operation.spec.requestBody?.content;
  return content?.['application/json']?.schema ?? (content ? Object.values(content)[0]?.schema : undefined);
}

// ---------------------------------------------------------------- the app and the objects it knows

const admin = auth(KEYS.admin);
/**
 * Hostile bodies are slow to build and parse on a busy machine; shedding load or limiting the rate
 * would answer for them before validation does, which is not what this file examines.
 */
const { app, database } = await buildTestApp(t, {
  config: loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '1000000' }),
  loadShedding: { maxEventLoopDelayMs: 600_000 },
});
const { db } = database;
await seedCatalog(db);

async function created(method: 'POST', url: string, payload: object): Promise<string> {
  const response = await app.inject({ method, url, headers: admin, payload });
  if (response.statusCode >= 300) throw new Error(`setup ${method} ${url}: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const lead = await created('POST', '/v1/leads', validLead({ externalId: 'FUZZ-1' }));
const closedLead = await created('POST', '/v1/leads', validLead({ externalId: 'FUZZ-2' }));
await created('POST', `/v1/leads/${closedLead}/close`, { outcome: 'lost' });
const supervisor = await created('POST', '/v1/staff', { name: '韩梅梅', role: 'supervisor', active: true });
const staff = await created('POST', '/v1/staff', { name: '李雷', role: 'officer', active: true, supervisorId: supervisor });
await created('POST', `/v1/leads/${lead}/follow-ups`, { kind: 'call_back', dueAt: inADay(), assigneeId: staff });
const subscription = await created('POST', '/v1/webhook-subscriptions', {
  url: 'https://93.184.215.14/hooks',
  secret: 'a-shared-secret-of-some-length',
  events: ['lead.matched'],
});
for (const status of ['failed', 'delivered'] as const) {
  const event = await db.insertInto('lead_events').values({ lead_id: lead, type: 'lead.matched', data: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('webhook_deliveries')
    .values({ subscription_id: subscription, event_id: event.id, event_type: 'lead.matched', status, attempts: 1, last_status_code: status === 'failed' ? 500 : 200 })
    .execute();
}

const { snapshot } = await app.catalog.current();
const catalogDocuments = snapshot as unknown as Record<string, { id?: string; code?: string }[] | undefined>;
const ids = async (table: string) =>
  (await sql<{ id: string }>`select id::text as id from ${sql.table(table)} order by created_at limit 5`.execute(db)).rows.map((row) => row.id);

/** Ids of real objects by the first segment after /v1/, so path parameters reach them. */
const REAL_IDS: Record<string, string[]> = {
  leads: await ids('leads'),
  'follow-ups': await ids('follow_up_tasks'),
  staff: await ids('staff'),
  'webhook-subscriptions': await ids('webhook_subscriptions'),
  'webhook-deliveries': await ids('webhook_deliveries'),
};
for (const entity of ['parks', 'carriers', 'policies', 'platforms', 'sources', 'industries']) {
  REAL_IDS[entity] = (catalogDocuments[entity] ?? []).slice(0, 5).map((doc) => doc.id ?? doc.code ?? '');
}
const ALL_REAL_IDS = [...new Set(Object.values(REAL_IDS).flat())].filter(Boolean);
const realIdsFor = (path: string) => REAL_IDS[/^\/v1\/([^/]+)/.exec(path)?.[1] ?? ''] ?? [];

const industryCodes = REAL_IDS.industries ?? [];
const fourDigitCodes = (catalogDocuments.industries ?? []).map((doc) => doc.code ?? '').filter((code) => /^[A-T][0-9]{4}$/.test(code)).slice(0, 5);
/** Properties that refer to other objects get real ones' ids most of the time, so valid bodies get past the reference checks. */
const REFERENCES: Record<string, string[]> = {
  source: REAL_IDS.sources ?? [],
  parkId: REAL_IDS.parks ?? [],
  parkIds: REAL_IDS.parks ?? [],
  parentId: REAL_IDS.parks ?? [],
  industries: industryCodes,
  industry: industryCodes,
  parent: industryCodes,
  related: industryCodes,
  gbt: industryCodes,
  industryCode: fourDigitCodes,
  assigneeId: REAL_IDS.staff ?? [],
  supervisorId: [supervisor],
};
const references: Hint = (name, schema) => {
  const real = REFERENCES[name];
  if (!real?.length || !(schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string')))) return undefined;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: valueArbitrary(document, schema) });
};

/**
 * Bodies known to be valid beside the schema-generated ones: openapi.json's examples, and for the
 * catalog's documents real ones of the seeded catalog (the schema cannot know which references exist).
 */
function knownBodies(operation: Operation): unknown[] {
  const content = operation.spec.requestBody?.content ?? {};
  const examples = Object.values(content).flatMap((media) => Object.values(media.examples ?? {}).map((example) => example.value));
  const entity = /^\/v1\/(parks|carriers|policies|platforms|sources|industries)(\/\{id\})?$/.exec(operation.path)?.[1];
  if (!entity || operation.method === 'GET' || operation.method === 'DELETE') return examples.filter((value) => value !== undefined);
  const docs = (catalogDocuments[entity] ?? []).slice(0, 3);
  const key = entity === 'industries' ? 'code' : 'id';
  const fresh = docs.map((doc, i) => ({ ...doc, [key]: `fuzz-${entity}-${i}` }));
  return [...examples, ...docs, ...fresh].filter((value) => value !== undefined);
}

// ---------------------------------------------------------------- hostile input

interface Expected {
  location: 'body' | 'querystring' | 'params';
  pointer: string;
  /** The problem's pointer may go deeper (a repeated query parameter is an array). */
  prefix?: boolean;
}

interface Sent {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Characters or numbers the API must refuse, and where; empty when nothing sent must be refused. */
  refused: Expected[];
  /** Whether each path parameter was a valid value (a real id or schema-generated). */
  validPath: boolean;
}

const escapePointer = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
const pointerOf = (path: (string | number)[]) => (path.length ? `/${path.map(escapePointer).join('/')}` : '/');

/** A control character other than tab, CR and LF: what stays refused once a URL is decoded. */
const holdsControl = (text: string) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text);
/**
 * A lone surrogate has no UTF-8 form: percent-encoded as generalised UTF-8 it does not decode, so a path
 * holding one is a 400 and a query key or value holding one is kept as it was sent, percent-escapes
 * and all (what it held then never reaches the app decoded).
 */
const holdsLoneSurrogate = (text: string) => /[\uD800-\uDFFF]/u.test(text);

/** Sent as they are, not encoded: percent-escapes that decode to nothing valid. */
const BROKEN_ESCAPES = ['%E0%A4%A', '%zz', '%', '%ED%A0%80', '%FF%FE'];

interface PathValue {
  encoded: string;
  /** A value the route means (a real id or one of the schema): the route must then exist. */
  valid: boolean;
  refused: boolean;
}

/** A path parameter, encoded: values the route means, and hostile ones. */
function pathParameter(operation: Operation, parameter: OpenApiParameter): { valid: fc.Arbitrary<PathValue>; hostile: fc.Arbitrary<PathValue> } {
  const real = realIdsFor(operation.path);
  // Longer than 100 characters a parameter is a 414 before anything looks into it.
  const plain = (text: string, valid: boolean) => ({ encoded: percentEncode(text), valid, refused: holdsControl(text) && text.length <= 90 });
  const valid = fc.oneof(
    ...(real.length ? [{ weight: 3, arbitrary: fc.constantFrom(...real).map((id) => plain(id, true)) }] : []),
    { weight: 1, arbitrary: valueArbitrary(document, parameter.schema ?? {}).map((value) => plain(String(value), true)) },
  );
  const hostile = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...ALL_REAL_IDS).map((id) => plain(id, false)) },
    { weight: 3, arbitrary: refusedText.map((text) => plain(text, false)) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          oddButStorableText,
          fc.constantFrom('__proto__', 'constructor', '..', '.', 'x'.repeat(101), '0', '-1', '1e309', '00000000-0000-0000-0000-000000000000', 'A', 'Z99'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
        )
        .filter((text) => text !== '')
        .map((text) => plain(text, false)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES).map((encoded) => ({ encoded, valid: false, refused: false })) },
  );
  return { valid, hostile };
}

/** Base64url of JSON that is not a cursor this API issued, and other garbage. */
const garbageCursor: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url')),
  fc.tuple(fc.constantFrom('-010000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '2024-02-30T00:00:00.000Z', '2024-01-01T00:00:00Z', '', 'now'), fc.oneof(fc.uuid(), fc.constantFrom('x', '', "' or 1=1 --")))
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
  fc.constantFrom('', '=', '====', 'null', 'W10', 'WyJhIl0', '!@#', 'a'.repeat(199), 'a'.repeat(201)),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
);

const QUERY_NUMBERS = ['1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '-1', '0', '-0', '1.5', '0.0001', '9007199254740993', '2147483648', '2147483647', '-2147483649', '1e3', '0x10', '+1', ' 1', '1 ', '00001', '١٢', ''];
const QUERY_TEXT = ['true', 'false', 'null', '[]', '{}', '+275760-09-13T00:00:00.001Z', '2024-13-45T99:99:99Z', ...Object.values(FORMAT_EDGES).flat()];

/** What Node's HTTP parser lets through as a request line (its header limit is 16 KiB). */
const MAX_URL_LENGTH = 16_000;

interface QueryPart {
  key: string;
  /** The text sent, before percent-encoding; undefined for a broken escape sent as it is. */
  text: string | undefined;
  raw?: string;
}

/** One query parameter: left out or schema-valid, and hostile values (repeated keys included). */
function queryParameter(parameter: OpenApiParameter): { valid: fc.Arbitrary<QueryPart[]>; hostile: fc.Arbitrary<QueryPart[]> } {
  const key = parameter.name;
  const value = valueArbitrary(document, parameter.schema ?? {}).map((value) => [{ key, text: Array.isArray(value) ? value.join(',') : String(value) }]);
  const hostile: fc.Arbitrary<QueryPart[]> = fc.oneof(
    { weight: 3, arbitrary: refusedText.map((text) => [{ key, text }]) },
    { weight: 2, arbitrary: fc.constantFrom(...QUERY_NUMBERS, ...QUERY_TEXT).map((text) => [{ key, text }]) },
    { weight: 2, arbitrary: garbageCursor.map((text) => [{ key, text }]) },
    { weight: 1, arbitrary: fc.integer({ min: 201, max: 250 }).map((length) => [{ key, text: '字'.repeat(length) }]) },
    { weight: 1, arbitrary: oddButStorableText.map((text) => [{ key, text }]) },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_ESCAPES).map((raw) => [{ key, text: undefined, raw }]) },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => [...a, ...b]) },
  );
  return { valid: fc.oneof(fc.constant<QueryPart[]>([]), value), hostile };
}

/** A query parameter no operation declares. */
const unknownQuery: fc.Arbitrary<QueryPart[]> = fc
  .tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'unknown', 'limit[]', 'a[b]', ''), refusedText), fc.oneof(fc.constant('1'), refusedText))
  .map(([key, text]) => [{ key, text }]);

function headerValues(operation: Operation): fc.Arbitrary<Record<string, string>> {
  const headers = parametersOf(operation, 'header');
  const values = headers.map((parameter) =>
    fc.oneof(
      fc.constant(undefined),
      valueArbitrary(document, parameter.schema ?? {}).map((value) => String(value)),
      // What an HTTP request can carry in a header: visible ASCII, nothing, or far too much.
      fc.constantFrom('', ' ', 'x'.repeat(256), 'x'.repeat(4000), 'ÿ', '\t'),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 300 }),
    ),
  );
  return fc.tuple(...values).map((chosen) => Object.fromEntries(headers.flatMap((parameter, i) => (chosen[i] === undefined ? [] : [[parameter.name, chosen[i]!]]))));
}

/** Every place in a JSON value a mutation can go, as key paths (the whole body too). */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return [path];
}

const PLACEHOLDER = '\u0000mutated\u0000';

function replaceAt(base: unknown, path: (string | number)[], raw: string): string {
  if (!path.length) return raw;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

function withKeyAt(base: unknown, path: (string | number)[], key: string, raw: string): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const step of path) target = target[step] as Record<string, unknown>;
  // Defined, not assigned: `__proto__` must become an own key of the JSON text, not a prototype.
  Object.defineProperty(target, key, { value: PLACEHOLDER, enumerable: true, configurable: true, writable: true });
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), raw);
}

function withoutKeyAt(base: unknown, path: (string | number)[]): string {
  const copy = structuredClone(base) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
  delete parent[path.at(-1)!];
  return JSON.stringify(copy);
}

/** A replacement value as raw JSON text, and whether the API must refuse it as text it cannot store. */
const replacement: fc.Arbitrary<{ raw: string; refused: boolean }> = fc.oneof(
  { weight: 4, arbitrary: refusedText.map((text) => ({ raw: JSON.stringify(text), refused: true })) },
  { weight: 2, arbitrary: fc.constantFrom(...NON_FINITE_JSON).map((raw) => ({ raw, refused: true })) },
  { weight: 2, arbitrary: fc.constantFrom(...EXTREME_JSON_NUMBERS).map((raw) => ({ raw, refused: false })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constantFrom(null, true, false, 0, '', [], {}, [null], { '': 1 }, '1', 'null'), fc.jsonValue({ maxDepth: 2 }))
      .map((value) => ({ raw: JSON.stringify(value) ?? 'null', refused: false })),
  },
  { weight: 1, arbitrary: oddButStorableText.map((text) => ({ raw: JSON.stringify(text), refused: false })) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 20_000 }).map((length) => ({ raw: JSON.stringify('x'.repeat(length)), refused: false })) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map((depth) => ({ raw: '['.repeat(depth) + ']'.repeat(depth), refused: false })) },
);

const FORMAT_EDGE_TEXTS = [...new Set(Object.values(FORMAT_EDGES).flat())];

/** A replacement for one value, most often one of the kind that fits what was there (a number for a number …). */
function replacementFor(current: unknown): fc.Arbitrary<{ raw: string; refused: boolean }> {
  const fitting =
    typeof current === 'number'
      ? fc.oneof(
          fc.constantFrom(...NON_FINITE_JSON).map((raw) => ({ raw, refused: true })),
          fc.constantFrom(...EXTREME_JSON_NUMBERS).map((raw) => ({ raw, refused: false })),
        )
      : typeof current === 'string'
        ? fc.oneof(
            refusedText.map((text) => ({ raw: JSON.stringify(text), refused: true })),
            fc.constantFrom(...FORMAT_EDGE_TEXTS).map((text) => ({ raw: JSON.stringify(text), refused: false })),
          )
        : undefined;
  return fitting ? fc.oneof(replacement, fitting) : replacement;
}

const valueAt = (value: unknown, path: (string | number)[]) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);

interface BodyCase {
  text: string | Buffer | undefined;
  contentType?: string;
  refused: Expected[];
  /** The id or code of the document the body was built from, for a path that names the same one. */
  documentId?: string;
}

const idOf = (value: unknown) => {
  const record = value as { id?: unknown; code?: unknown } | null;
  const id = record && typeof record === 'object' ? (record.id ?? record.code) : undefined;
  return typeof id === 'string' ? id : undefined;
};

function bodyCases(operation: Operation): { valid: fc.Arbitrary<BodyCase>; hostile: fc.Arbitrary<BodyCase> } | undefined {
  const schema = bodySchemaOf(operation);
  if (!schema) return undefined;
  const known = knownBodies(operation);
  const bases = fc.oneof(
    { weight: 3, arbitrary: valueArbitrary(document, schema, references) },
    ...(known.length ? [{ weight: 2, arbitrary: fc.constantFrom(...known) }] : []),
  );
  const isContainer = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

  const mutated: fc.Arbitrary<BodyCase> = bases.chain((base) => {
    const paths = pathsOf(base);
    const objects = paths.filter((path) => isContainer(valueAt(base, path)));
    const documentId = idOf(base);
    const arbitraries: fc.Arbitrary<BodyCase>[] = [
      fc.constantFrom(...paths).chain((path) => replacementFor(valueAt(base, path)).map((replaced) => [path, replaced] as const)).map(([path, { raw, refused }]) => ({
        text: replaceAt(base, path, raw),
        refused: refused ? [{ location: 'body' as const, pointer: pointerOf(path) }] : [],
        documentId,
      })),
    ];
    if (objects.length) {
      arbitraries.push(
        fc.tuple(fc.constantFrom(...objects), fc.oneof(refusedText, fc.constantFrom('unknown', '__proto__', 'constructor', '')), replacement).map(([path, key, { raw, refused }]) => {
          const refusedKey = holdsRefused(key);
          // A refused key is named at the object that holds it; its value is then not looked at.
          const expected: Expected[] = refusedKey
            ? [{ location: 'body', pointer: pointerOf(path) }]
            : refused
              ? [{ location: 'body', pointer: pointerOf([...path, key]) }]
              : [];
          return { text: withKeyAt(base, path, key, raw), refused: expected, documentId };
        }),
      );
    }
    const removable = paths.filter((path) => path.length > 0 && typeof path.at(-1) === 'string');
    if (removable.length) arbitraries.push(fc.constantFrom(...removable).map((path) => ({ text: withoutKeyAt(base, path), refused: [], documentId })));
    return fc.oneof(...arbitraries);
  });

  const garbage: fc.Arbitrary<BodyCase> = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', ' ', 'null', '[]', '{}', '{"a":1,"a":2}', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', ...NON_FINITE_JSON),
    fc.integer({ min: 101, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.integer({ min: 64 * 1024, max: 80 * 1024 }).map((size) => JSON.stringify({ filler: 'x'.repeat(size) })),
  ).map((text) => ({ text, refused: NON_FINITE_JSON.includes(text) ? [{ location: 'body' as const, pointer: '/' }] : [] }));

  /** A valid body with one byte sequence that is not UTF-8 (0xC3 0x28). */
  const notUtf8: fc.Arbitrary<BodyCase> = bases.map((base) => {
    const bytes = Buffer.from(JSON.stringify(base) ?? 'null', 'utf8');
    return { text: Buffer.concat([bytes.subarray(0, -1), Buffer.from([0xc3, 0x28]), bytes.subarray(-1)]), refused: [] };
  });

  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/merge-patch+json', 'APPLICATION/JSON') },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '') },
  );

  const hostile = fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: mutated },
        { weight: 2, arbitrary: garbage },
        { weight: 1, arbitrary: notUtf8 },
        { weight: 1, arbitrary: fc.constant<BodyCase>({ text: undefined, refused: [] }) },
      ),
      contentType,
    )
    .map(([body, type]) => {
      if (body.text === undefined) return body;
      // Only a body read as JSON is looked into; under another content type nothing in it is refused as text.
      const json = /^application\/(merge-patch\+)?json(;\s*charset=utf-8)?$/i.test(type);
      return { ...body, contentType: type, refused: json ? body.refused : [] };
    });
  const valid = bases.map((base): BodyCase => ({ text: JSON.stringify(base), contentType: 'application/json', refused: [], documentId: idOf(base) }));
  return { valid, hostile };
}

// ---------------------------------------------------------------- a whole request

type Focus = 'none' | 'path' | 'query' | 'body' | 'all';

/**
 * A request with hostile values in one place (the focus) and valid ones elsewhere, so a refusal comes
 * from that place and valid requests reach the database; now and then hostile everywhere at once.
 */
function requests(operation: Operation): fc.Arbitrary<Sent> {
  const pathParameters = parametersOf(operation, 'path');
  const queryParameters = parametersOf(operation, 'query');
  const inPath = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const undocumented = inPath.filter((name) => !pathParameters.some((parameter) => parameter.name === name));
  if (undocumented.length) throw new Error(`${operation.key}: path parameters without a schema: ${undocumented.join(', ')}`);
  const path = pathParameters.map((parameter) => pathParameter(operation, parameter));
  const query = queryParameters.map(queryParameter);
  const body = bodyCases(operation);
  const noBody = fc.constant<BodyCase>({ text: undefined, refused: [] });
  const focuses: { weight: number; arbitrary: fc.Arbitrary<Focus> }[] = [
    { weight: 2, arbitrary: fc.constant('none') },
    { weight: 2, arbitrary: fc.constant('query') },
    { weight: 1, arbitrary: fc.constant('all') },
    ...(path.length ? [{ weight: 2, arbitrary: fc.constant<Focus>('path') }] : []),
    ...(body ? [{ weight: 4, arbitrary: fc.constant<Focus>('body') }] : []),
  ];

  return fc
    .oneof(...focuses)
    .chain((focus) => {
      const hostile = (place: Focus) => focus === place || focus === 'all';
      // Hostile query: one declared parameter hostile (or an undeclared one), the others valid or left out.
      const queryArbitrary: fc.Arbitrary<QueryPart[][]> = hostile('query')
        ? fc.integer({ min: 0, max: query.length }).chain((at) =>
            fc.tuple(at === query.length ? unknownQuery : fc.constant<QueryPart[]>([]), ...query.map((parameter, i) => (i === at || focus === 'all' ? parameter.hostile : parameter.valid))),
          )
        : fc.tuple(...query.map((parameter) => parameter.valid));
      return fc.record({
        focus: fc.constant(focus),
        path: fc.tuple(...path.map((parameter) => (hostile('path') ? fc.oneof(parameter.hostile, parameter.valid) : parameter.valid))),
        query: queryArbitrary,
        headers: headerValues(operation),
        body: body ? (hostile('body') ? body.hostile : body.valid) : noBody,
        sameDocument: fc.boolean(),
      });
    })
    .map(({ path, query, headers, body, sameDocument }) => {
      const refused: Expected[] = [...body.refused];
      const values = Object.fromEntries(pathParameters.map((parameter, i) => [parameter.name, path[i]!]));
      if (sameDocument && body.documentId !== undefined && values.id?.valid) {
        values.id = { encoded: percentEncode(body.documentId), valid: true, refused: holdsControl(body.documentId) };
      }
      for (const [name, value] of Object.entries(values)) if (value.refused) refused.push({ location: 'params', pointer: `/${escapePointer(name)}` });
      const parts = query.flat();
      for (const part of parts) {
        const keyDecodes = !holdsLoneSurrogate(part.key);
        if (keyDecodes && holdsControl(part.key)) {
          // A refused key is named at the object that holds it, the query string itself.
          refused.push({ location: 'querystring', pointer: '/' });
        } else if (part.text !== undefined && !holdsLoneSurrogate(part.text) && holdsControl(part.text)) {
          const key = keyDecodes ? part.key : percentEncode(part.key);
          refused.push({ location: 'querystring', pointer: `/${escapePointer(key)}`, prefix: true });
        }
      }
      const search = parts.map((part) => `${percentEncode(part.key)}=${part.raw ?? percentEncode(part.text ?? '')}`).join('&');
      const url = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => values[name]!.encoded) + (search ? `?${search}` : '');
      return {
        method: operation.method,
        url,
        headers: { ...admin, ...headers, ...(body.text === undefined || body.contentType === undefined ? {} : { 'content-type': body.contentType }) },
        ...(body.text === undefined ? {} : { payload: body.text }),
        refused,
        validPath: Object.values(values).every((value) => value.valid),
      };
    });
}

// ---------------------------------------------------------------- the checks

const ajv = createAjv();
const isProblem = ajv.compile(resolveRef(document, { $ref: '#/components/schemas/Problem' }));
/** Problem types whose documents name each offending field (errors[], by JSON pointer). */
const FIELD_PROBLEMS = new Set(['/problems/validation-failed', '/problems/invalid-text']);

interface ProblemDocument {
  type?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: { pointer: string; location: string; message: string }[];
}

function answerProblems(sent: Sent, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const status = response.statusCode;
  if (status >= 500) problems.push(`a ${status}`);
  if (status < 400) {
    if (sent.refused.length) problems.push(`accepted (${status}) what must be refused at ${sent.refused.map((r) => `${r.location} ${r.pointer}`).join(', ')}`);
    return problems;
  }
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) problems.push(`content-type ${String(response.headers['content-type'])}`);
  let problem: ProblemDocument;
  try {
    problem = response.json() as ProblemDocument;
  } catch {
    return [...problems, 'the body is not JSON'];
  }
  if (!isProblem(problem)) problems.push(`not a Problem as openapi.json describes it: ${ajv.errorsText(isProblem.errors)}`);
  if (problem.status !== status) problems.push(`problem.status ${String(problem.status)}`);
  if (typeof problem.type !== 'string' || problem.type === '') problems.push('no type');
  if (FIELD_PROBLEMS.has(String(problem.type))) {
    if (!problem.errors?.length) problems.push(`a ${String(problem.type)} naming no field`);
    if (problem.type === '/problems/invalid-text') {
      for (const expected of sent.refused) {
        const named = problem.errors?.some(
          (error) =>
            error.location === expected.location &&
            (error.pointer === expected.pointer || (expected.prefix === true && (expected.pointer === '/' || error.pointer.startsWith(`${expected.pointer}/`)))),
        );
        if (!named) problems.push(`invalid-text does not name ${expected.location} ${expected.pointer}`);
      }
    }
  }
  if (status === 404 && sent.validPath && String(problem.detail).startsWith('No route')) problems.push('openapi.json documents an operation the app does not route');
  return problems;
}

const shorten = (_key: string, value: unknown) =>
  typeof value === 'string' && value.length > 300 ? `${value.slice(0, 200)}… (${value.length} characters)` : Buffer.isBuffer(value) ? `<${value.length} bytes>` : value;
const describe = (sent: Sent) => JSON.stringify({ method: sent.method, url: sent.url, headers: sent.headers, payload: Buffer.isBuffer(sent.payload) ? sent.payload.toString('latin1') : sent.payload }, shorten);

// ---------------------------------------------------------------- the runs

t.comment(`seed ${FUZZ_SEED} (FUZZ_SEED), ${FUZZ_RUNS} requests per operation (FUZZ_RUNS)`);

t.test('openapi.json is read whole: every operation is fuzzed or excluded with a reason', async (t) => {
  t.same(unhandled, [], 'no operation uses a method this file does not send');
  for (const key of Object.keys(EXCLUDED)) t.ok(operations.every((operation) => operation.key !== key) && key.split(' ')[1]! in document.paths, `${key} is excluded: ${EXCLUDED[key]}`);
  const documented = Object.values(document.paths).flatMap((item) => Object.keys(item).filter((name) => (FUZZED_METHODS as readonly string[]).includes(name))).length;
  t.equal(operations.length + Object.keys(EXCLUDED).length, documented, `${operations.length} operations fuzzed`);
  t.ok(operations.length >= 60, `openapi.json has the operations it is known to have (${operations.length})`);
});

// ---------------------------------------------------------------- every format edge, everywhere (before any deletion)

/** Finite numbers (raw JSON) at or past what integers, Postgres columns and doubles hold. */
const NUMBER_EDGES = ['1e308', '1.7976931348623157e308', '-1e308', '5e-324', '1e-400', '9007199254740993', '2147483648', '-2147483649', '-0', '0.1', '1e21'];

/** The unusual values a schema allows, or nearly: format edges as text, numbers as raw JSON. */
function edgesOf(schema: JsonSchema | undefined, where: 'path' | 'query' | 'body'): { texts: string[]; raw: boolean } | undefined {
  if (!schema) return undefined;
  const flat = flattenAllOf(document, resolveRef(document, schema));
  const format = typeof flat.format === 'string' ? FORMAT_EDGES[flat.format] : undefined;
  if (format) return { texts: format, raw: false };
  const types = Array.isArray(flat.type) ? (flat.type as string[]) : [flat.type];
  if (types.includes('number') || types.includes('integer')) return { texts: where === 'body' ? NUMBER_EDGES : QUERY_NUMBERS, raw: true };
  return undefined;
}

/** Where in a body a value has edges (edgesOf), as key paths (the first item of an array). */
function edgePlaces(schema: JsonSchema, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; texts: string[]; raw: boolean }[] {
  if (depth > 12) return [];
  const flat = flattenAllOf(document, resolveRef(document, schema));
  const edges = edgesOf(flat, 'body');
  const places = [
    ...(edges ? [{ path, ...edges }] : []),
    ...((flat.anyOf ?? flat.oneOf ?? []) as JsonSchema[]).flatMap((branch) => edgePlaces(branch, path, depth + 1)),
    ...Object.entries((flat.properties ?? {}) as Record<string, JsonSchema>).flatMap(([key, value]) => edgePlaces(value, [...path, key], depth + 1)),
    ...(flat.items ? edgePlaces(flat.items as JsonSchema, [...path, 0], depth + 1) : []),
  ];
  return [...new Map(places.map((place) => [JSON.stringify(place), place])).values()];
}

/** `base` with `value` at `path`, the objects and arrays on the way made when missing. */
function setAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const root = (typeof base === 'object' && base !== null ? structuredClone(base) : {}) as Record<string | number, unknown>;
  let node = root;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
  return root;
}

/**
 * Random runs reach a format's unusual texts and the extreme numbers only now and then; this sends each
 * of them once in each place of each operation that has that format or a number (path, query and
 * body), the rest of the request valid.
 */
t.test('every format edge and extreme number in every place of every operation that has one', async (t) => {
  const failures: string[] = [];
  let sent = 0;
  for (const [index, operation] of operations.entries()) {
    if (operation.method === 'DELETE') continue; // Deleting a real object would take it from the fuzz runs after this.
    const seed = FUZZ_SEED + index;
    const pathValues = Object.fromEntries(
      parametersOf(operation, 'path').map((parameter) => [parameter.name, realIdsFor(operation.path)[0] ?? String(fc.sample(valueArbitrary(document, parameter.schema ?? {}), { seed, numRuns: 1 })[0])]),
    );
    const schema = bodySchemaOf(operation);
    const base = schema ? (knownBodies(operation)[0] ?? fc.sample(valueArbitrary(document, schema, references), { seed, numRuns: 1 })[0]) : undefined;
    const places: { where: 'path' | 'query' | 'body'; name: string; path?: (string | number)[]; texts: string[]; raw: boolean }[] = [
      ...(operation.spec.parameters ?? []).flatMap((parameter) => {
        const where = parameter.in;
        const edges = where === 'path' || where === 'query' ? edgesOf(parameter.schema, where) : undefined;
        return edges && (where === 'path' || where === 'query') ? [{ where, name: parameter.name, ...edges }] : [];
      }),
      ...(schema ? edgePlaces(schema).map((place) => ({ where: 'body' as const, name: pointerOf(place.path), ...place })) : []),
    ];
    for (const place of places) {
      for (const edge of place.texts) {
        const values = { ...pathValues, ...(place.where === 'path' ? { [place.name]: edge } : {}) };
        const url = operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => percentEncode(values[name] ?? '')) + (place.where === 'query' ? `?${place.name}=${percentEncode(edge)}` : '');
        const payload =
          schema === undefined
            ? undefined
            : place.where !== 'body'
              ? JSON.stringify(base)
              : place.raw
                ? JSON.stringify(setAt(base, place.path!, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), edge)
                : JSON.stringify(setAt(base, place.path!, edge));
        const request: Sent = {
          method: operation.method,
          url,
          headers: { ...admin, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(payload === undefined ? {} : { payload }),
          refused: [],
          validPath: true,
        };
        const response = await app.inject({ method: request.method, url, headers: request.headers, ...(payload === undefined ? {} : { payload }) });
        sent++;
        const problems = answerProblems(request, response);
        if (problems.length) failures.push(`${describe(request)}\n→ ${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`);
      }
    }
  }
  t.ok(sent > 500, `${sent} requests`);
  t.same(failures.slice(0, 10), [], `${failures.length} answers broke a rule (the first 10 shown)`);
});

// ---------------------------------------------------------------- random requests per operation

for (const [index, operation] of operations.entries()) {
  t.test(operation.key, async (t) => {
    const seen = new Map<number, number>();
    const property = fc.asyncProperty(requests(operation), async (sent) => {
      // Node's HTTP parser answers 431 for a request line past 16 KiB before the app sees it; longer URLs would test nothing real.
      if (sent.url.length > MAX_URL_LENGTH) throw new Error(`the generator made a ${sent.url.length}-character URL`);
      const response = await app.inject({ method: sent.method, url: sent.url, headers: sent.headers, ...(sent.payload === undefined ? {} : { payload: sent.payload }) });
      seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
      const problems = answerProblems(sent, response);
      if (problems.length) throw new Error(`${describe(sent)}\n→ ${response.statusCode} ${response.body.slice(0, 600)}\n${problems.join('\n')}`);
    });
    const seed = FUZZ_SEED + index;
    const run = await fc.check(property, { seed, numRuns: FUZZ_RUNS });
    const report = run.failed
      ? [`replay with FUZZ_SEED=${FUZZ_SEED} (this operation: { seed: ${run.seed}, path: "${run.counterexamplePath}" })`, String(run.errorInstance instanceof Error ? run.errorInstance.message : run.errorInstance)].join('\n')
      : `${FUZZ_RUNS} requests: ${[...seen].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`;
    t.notOk(run.failed, report);
  });
}

t.test('no request polluted Object.prototype', async (t) => {
  t.equal(({} as Record<string, unknown>).polluted, undefined);
});
