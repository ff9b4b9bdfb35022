import type { RouteOptions } from 'fastify';
import t from 'tap';
import { buildTestAppWithRoutes } from './support.ts';

/**
 * Every route declares closed, bounded schemas for what it takes and what it answers, so nothing
 * unexpected gets in and the OpenAPI document says exactly what comes out.
 */

type Schema = Record<string, unknown>;

/**
 * Formats whose validator only accepts short strings. A bare `uri` or `email` is not here: their
 * patterns accept text of any length, so those need a maxLength of their own.
 */
const BOUNDED_FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'credit-code']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function typesOf(schema: Schema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

function isBoundedByValue(schema: Schema): boolean {
  return Array.isArray(schema.enum) || 'const' in schema;
}

/** Checks one schema and everything nested in it; `constraint` marks allOf branches that only narrow a value. */
function schemaGaps(schema: unknown, pointer: string, constraint = false): string[] {
  if (typeof schema !== 'object' || schema === null) return [`${pointer || '/'}: not a schema`];
  const node = schema as Schema;
  if (typeof node.$ref === 'string') return [`${pointer || '/'}: $ref ${node.$ref} is not checked; inline the schema`];
  const types = typesOf(node);
  const composed = ['anyOf', 'oneOf', 'allOf'].filter((key) => Array.isArray(node[key]));
  const gaps: string[] = [];
  const at = pointer || '/';

  if (!types.length && !composed.length && !isBoundedByValue(node) && !constraint) {
    gaps.push(`${at}: accepts any JSON value; give it a type`);
  }
  if (types.includes('string') && !isBoundedByValue(node) && node.maxLength === undefined && !BOUNDED_FORMATS.has(node.format as string)) {
    gaps.push(`${at}: string without maxLength`);
  }
  if (types.includes('array')) {
    if (node.maxItems === undefined) gaps.push(`${at}: array without maxItems`);
    if (node.items !== undefined) gaps.push(...schemaGaps(node.items, `${pointer}/items`));
    else gaps.push(`${at}: array without items schema`);
  }
  if (types.includes('object')) gaps.push(...objectGaps(node, pointer));
  else if (node.properties) gaps.push(...propertyGaps(node, pointer, true));
  for (const key of composed) {
    (node[key] as unknown[]).forEach((branch, i) => gaps.push(...schemaGaps(branch, `${pointer}/${key}/${i}`, key === 'allOf')));
  }
  return gaps;
}

function propertyGaps(node: Schema, pointer: string, constraint = false): string[] {
  return Object.entries((node.properties ?? {}) as Record<string, unknown>).flatMap(([key, value]) =>
    schemaGaps(value, `${pointer}/properties/${escapePointer(key)}`, constraint),
  );
}

/** Closed (additionalProperties: false), or a map whose keys are bounded by maxProperties. */
function objectGaps(node: Schema, pointer: string): string[] {
  const at = pointer || '/';
  const gaps = propertyGaps(node, pointer);
  const patterns = (node.patternProperties ?? {}) as Record<string, unknown>;
  for (const [pattern, value] of Object.entries(patterns)) {
    gaps.push(...schemaGaps(value, `${pointer}/patternProperties/${escapePointer(pattern)}`));
  }
  const additional = node.additionalProperties;
  const isMap = Object.keys(patterns).length > 0 || (typeof additional === 'object' && additional !== null);
  if (typeof additional === 'object' && additional !== null) gaps.push(...schemaGaps(additional, `${pointer}/additionalProperties`));
  if (isMap && node.maxProperties === undefined) gaps.push(`${at}: map without maxProperties`);
  if (!isMap && additional !== false) gaps.push(`${at}: object without additionalProperties: false`);
  return gaps;
}

/** A response is either a schema or an OpenAPI-style { content: { type: { schema } } }. */
function responseSchemas(response: unknown): [string, unknown][] {
  const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
  if (content) return Object.entries(content).map(([type, entry]) => [`/content/${escapePointer(type)}/schema`, entry.schema]);
  return [['', response]];
}

function hasPathParams(route: RouteOptions): boolean {
  return /[:*]/.test(route.url);
}

function requiredProblems(route: RouteOptions, schema: Schema): number[] {
  const statuses: number[] = [];
  if (route.config?.access !== 'public') statuses.push(401, 403);
  if (schema.body) statuses.push(400, 413, 415, 422);
  if (schema.querystring || schema.params || schema.headers) statuses.push(400);
  return [...new Set(statuses)];
}

function routeGaps(route: RouteOptions): string[] {
  const method = String(route.method);
  const name = `${method} ${route.url}`;
  const schema = (route.schema ?? {}) as Schema;
  const gaps: string[] = [];
  if (BODY_METHODS.has(method) && !schema.body) gaps.push(`${name} body: no schema`);
  if (hasPathParams(route) && !schema.params) gaps.push(`${name} params: no schema`);
  for (const location of ['body', 'querystring', 'params', 'headers'] as const) {
    if (schema[location] === undefined) continue;
    const gapsHere = location === 'headers' ? headerGaps(schema.headers as Schema) : schemaGaps(schema[location], '');
    gaps.push(...gapsHere.map((gap) => `${name} ${location} ${gap}`));
  }
  gaps.push(...responseGaps(route, name, schema));
  return gaps;
}

/** Headers are an open set by nature (proxies add their own), so only the declared ones are checked. */
function headerGaps(headers: Schema): string[] {
  return propertyGaps(headers, '');
}

function responseGaps(route: RouteOptions, name: string, schema: Schema): string[] {
  const responses = (schema.response ?? {}) as Record<string, unknown>;
  const statuses = Object.keys(responses);
  const gaps: string[] = [];
  if (!statuses.some((status) => /^2/.test(status))) gaps.push(`${name} response: no success status declared`);
  for (const status of requiredProblems(route, schema)) {
    if (!(status in responses)) gaps.push(`${name} response: ${status} not declared`);
  }
  for (const status of statuses) {
    for (const [pointer, declared] of responseSchemas(responses[status])) {
      if (declared === undefined) gaps.push(`${name} response ${status}${pointer}: no schema`);
      else gaps.push(...schemaGaps(declared, pointer).map((gap) => `${name} response ${status} ${gap}`));
    }
  }
  return gaps;
}

t.test('every route declares closed, bounded request and response schemas', async (t) => {
  const { routes } = await buildTestAppWithRoutes(t);
  const checked = routes.filter(
    // Swagger UI's own routes serve its static files and the generated document; they take no input
    // beyond the file path and answer with files, not JSON described by a schema.
    (route) => !route.url.startsWith('/docs') &&
      // The queue dashboard (bull-board) is a web page and its own JSON API, hidden from the document.
      !route.url.startsWith('/admin/queues') &&
      // HEAD routes are Fastify's automatic twins of GET routes and share their schemas.
      route.method !== 'HEAD',
  );
  t.ok(checked.length >= 30, `sees the API's routes (${checked.length})`);
  t.ok(checked.some((route) => route.method === 'POST' && route.url === '/v1/leads'), 'sees POST /v1/leads');
  const gaps = checked.flatMap(routeGaps);
  t.same(gaps, [], `${gaps.length} schema gap(s), each a line of the diff`);
});

t.test('the walk finds the gaps it is meant to find', async (t) => {
  const gaps = schemaGaps(
    {
      type: 'object',
      properties: {
        open: { type: 'object', properties: {} },
        text: { type: 'string' },
        url: { type: 'string', format: 'uri' },
        list: { type: 'array', items: { type: ['string', 'null'], maxLength: 5 } },
        any: {},
        map: { type: 'object', patternProperties: { '^.*$': { type: 'integer' } } },
        union: { anyOf: [{ type: 'string', format: 'uuid' }, { type: 'string' }] },
      },
      additionalProperties: false,
    },
    '',
  );
  t.same(gaps.sort(), [
    '/properties/any: accepts any JSON value; give it a type',
    '/properties/list: array without maxItems',
    '/properties/map: map without maxProperties',
    '/properties/open: object without additionalProperties: false',
    '/properties/text: string without maxLength',
    '/properties/union/anyOf/1: string without maxLength',
    '/properties/url: string without maxLength',
  ]);
});
