/**
 * Finishing touches on the generated OpenAPI document, so that generated clients get named types and
 * usable signatures: operation ids, shared schemas and problem responses as components, and optional
 * query parameters.
 */

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

/** `{ const: x }` as @fastify/swagger writes it in request bodies: `{ enum: [x] }`. */
function constAsEnum(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(constAsEnum);
  if (!isObject(node)) return node;
  const { const: only, ...rest } = node;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, constAsEnum(value)]));
  return 'const' in node ? { ...converted, enum: [only] } : converted;
}

/**
 * The schemas with an `$id` inside a route's schema, keyed by each way the document may render
 * them (without the `$id`), so that `into` maps a rendering to its name.
 */
export function collectNamedSchemas(schema: unknown, into: Map<string, string>): void {
  if (Array.isArray(schema)) return schema.forEach((item) => collectNamedSchemas(item, into));
  if (!isObject(schema)) return;
  // @fastify/swagger moves a body's `x-examples` out of its schema, so the rendered copy lacks them too.
  const { $id, 'x-examples': _examples, ...rendered } = JSON.parse(JSON.stringify(schema)) as Json;
  if (typeof $id === 'string' && /^[A-Z][A-Za-z]+$/.test($id)) {
    into.set(JSON.stringify(rendered), $id);
    into.set(JSON.stringify(constAsEnum(rendered)), $id);
  }
  for (const value of Object.values(schema)) collectNamedSchemas(value, into);
}

/** Replaces every copy of a named schema with a reference to it under `components.schemas`. */
function hoistNamedSchemas(document: Json, nameOf: Map<string, string>): void {
  const schemas: Json = {};
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const name = nameOf.get(JSON.stringify(node));
    if (name) {
      schemas[name] ??= Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
      return { $ref: `#/components/schemas/${name}` };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'examples' || key === 'example' ? value : visit(value)]));
  };
  document.paths = visit(document.paths);
  const components = (document.components ?? {}) as Json;
  components.schemas = Object.fromEntries(Object.entries({ ...(components.schemas as Json), ...schemas }).sort(([a], [b]) => a.localeCompare(b)));
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

/** `named` maps each rendering of a named schema to its name, as `collectNamedSchemas` gathers them. */
export function finishDocument<T>(document: T, named: Map<string, string>): T {
  const copy = JSON.parse(JSON.stringify(document)) as Json;
  hoistNamedSchemas(copy, named);
  hoistProblemResponses(copy);
  defaultedQueryParametersOptional(copy);
  return copy as T;
}
