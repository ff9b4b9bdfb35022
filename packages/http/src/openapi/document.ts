/**
 * Finishing touches on the generated OpenAPI document, so that generated clients get named types and
 * usable signatures: operation ids, named schemas and problem responses as components, and optional
 * query parameters.
 */

import { schemaNameOf } from '@leadmatch/domain';
import type { FastifySchema } from 'fastify';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `POST /v1/leads/:id/close` → `postLeadsByIdClose`. */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment && segment !== 'v1')
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[-_]/));
  return [method.toLowerCase(), ...words.map((word) => word.charAt(0).toUpperCase() + word.slice(1))].join('');
}

/**
 * Marks a named schema's copy in the document with its name (the key never leaves `finishDocument`).
 * @fastify/swagger copies keys it does not know as they are, so the mark comes through its conversion.
 */
const NAME_KEY = 'x-leadmatch-schema-name';

/** Keywords whose values are data, not schemas: nothing in them is a named schema. */
const VALUE_KEYWORDS = new Set(['const', 'default', 'enum', 'example', 'examples', 'x-examples']);
/** Keywords whose values map names (of properties) to schemas. */
const NAMES_TO_SCHEMAS = new Set(['properties', 'patternProperties']);

/** Copies `node`, each of its values through `each` but data and property names left as they are. */
function copyWith(node: Json, each: (value: unknown) => unknown, names = false): Json {
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (names) return [key, each(value)];
      if (VALUE_KEYWORDS.has(key)) return [key, value];
      if (NAMES_TO_SCHEMAS.has(key) && isObject(value)) return [key, copyWith(value, each, true)];
      return [key, each(value)];
    }),
  );
}

function markNamed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(markNamed);
  if (!isObject(node)) return node;
  const named = schemaNameOf(node);
  // The `$id` stays with the route's schema, where Ajv caches by it; the document refers by name.
  const { $id: _id, ...keywords } = (named?.schema ?? node) as Json;
  const copy = copyWith(keywords, markNamed);
  if (!named) return copy;
  // @fastify/swagger moves a body's `x-examples` out of its schema (to the media type's examples).
  const marked = { ...copy, ...named.extensions, [NAME_KEY]: named.name };
  return named.nullable ? { anyOf: [marked, { type: 'null' }] } : marked;
}

/**
 * A copy of a route's schema for the document (the route keeps its own, which Ajv and the serializer
 * use): every named schema (`Named` in @leadmatch/domain) in its body and responses is marked with its
 * name, by object identity, so that `finishDocument` writes it once under `components.schemas`. A
 * `Nullable` named schema is written `anyOf: [the schema, null]`, which accepts the same values.
 */
export function markNamedSchemas(schema: FastifySchema): FastifySchema {
  return {
    ...schema,
    ...(schema.body !== undefined && { body: markNamed(schema.body) }),
    ...(schema.response !== undefined && { response: markNamed(schema.response) }),
  };
}

/**
 * Replaces each marked copy of a named schema with a reference to it under `components.schemas`. Every
 * copy renders alike, wherever it is; should one not (@fastify/swagger treating a body differently,
 * say), that copy stays inline rather than the reference saying something else.
 */
function hoistNamedSchemas(document: Json): void {
  const schemas: Record<string, { schema: Json; text: string }> = {};
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const { [NAME_KEY]: name, ...keywords } = node;
    const copy = copyWith(keywords, visit);
    if (typeof name !== 'string') return copy;
    const text = JSON.stringify(copy);
    schemas[name] ??= { schema: copy, text };
    return schemas[name].text === text ? { $ref: `#/components/schemas/${name}` } : copy;
  };
  document.paths = visit(document.paths);
  const components = (document.components ?? {}) as Json;
  const named = Object.fromEntries(Object.entries(schemas).map(([name, { schema }]) => [name, schema]));
  components.schemas = Object.fromEntries(Object.entries({ ...(components.schemas as Json), ...named }).sort(([a], [b]) => a.localeCompare(b)));
  document.components = components;
}

/** Names of the problem responses under `components.responses`, by status. */
const PROBLEM_RESPONSE_NAMES: Record<string, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'ContentTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

const isProblemResponse = (response: unknown): boolean =>
  isObject(response) && isObject(response.content) && 'application/problem+json' in response.content;

/**
 * Every route answers a status's problem with the same words and examples (openapi-docs.ts), so each
 * is written once under `components.responses` and referenced; a route that words one differently
 * keeps its own copy.
 */
function hoistProblemResponses(document: Json): void {
  const responses: Json = {};
  for (const operations of Object.values(document.paths as Record<string, Json>)) {
    for (const operation of Object.values(operations)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const name = PROBLEM_RESPONSE_NAMES[status];
        if (!name || !isProblemResponse(response)) continue;
        responses[name] ??= response;
        if (JSON.stringify(responses[name]) === JSON.stringify(response)) operation.responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  const components = (document.components ?? {}) as Json;
  components.responses = Object.fromEntries(Object.entries({ ...(components.responses as Json), ...responses }).sort(([a], [b]) => a.localeCompare(b)));
  document.components = components;
}

/** A query parameter with a default may be left out: the API fills it in. */
function defaultedQueryParametersOptional(document: Json): void {
  for (const operations of Object.values(document.paths as Record<string, Json>)) {
    for (const operation of Object.values(operations)) {
      const parameters = isObject(operation) && Array.isArray(operation.parameters) ? (operation.parameters as Json[]) : [];
      for (const parameter of parameters) {
        if (parameter.in === 'query' && isObject(parameter.schema) && 'default' in parameter.schema) parameter.required = false;
      }
    }
  }
}

/** The document as served: named schemas and problem answers as components, and usable signatures. */
export function finishDocument<T>(document: T): T {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  hoistNamedSchemas(copy);
  hoistProblemResponses(copy);
  defaultedQueryParametersOptional(copy);
  return copy as T;
}
