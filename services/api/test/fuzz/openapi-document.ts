import { readFile } from 'node:fs/promises';

/**
 * The committed openapi.json as the fuzz reads it: the JSON Schema shapes it uses, local `$ref`s and
 * `allOf`s resolved, and its operations listed with the methods the fuzz sends.
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema; examples?: Record<string, { value?: unknown }> }> };
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The schema a local `$ref` ("#/components/schemas/X", any JSON pointer into the document) names. */
export function resolveRef(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (hops > 20 || !ref.startsWith('#/')) throw new Error(`unresolvable $ref ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    if (typeof target !== 'object' || target === null) throw new Error(`$ref ${ref} names nothing`);
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as JsonSchema), ...siblings };
  }
  return current;
}

/** allOf members other than `if`/`then` conditionals merged into one object schema. */
export function flattenAllOf(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...merged } = schema as JsonSchema & { allOf: JsonSchema[] };
  for (const member of allOf.map((item) => resolveRef(doc, item))) {
    if ('if' in member) continue;
    const flat = flattenAllOf(doc, member);
    merged.properties = { ...(merged.properties as object | undefined), ...(flat.properties as object | undefined) };
    merged.required = [...((merged.required as string[] | undefined) ?? []), ...((flat.required as string[] | undefined) ?? [])];
    for (const [key, value] of Object.entries(flat)) if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

// ---------------------------------------------------------------- the operations

export const document = JSON.parse(await readFile(new URL('../../../../openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
export const FUZZED_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = Uppercase<(typeof FUZZED_METHODS)[number]>;
const OTHER_HTTP_METHODS = ['head', 'options', 'trace', 'connect', 'query'];

/**
 * Operations left out, each with why ("METHOD /path" as openapi.json writes it). None today: the queue
 * dashboard (HTML) and /docs are not in openapi.json, and no operation streams (SSE).
 */
export const EXCLUDED: Record<string, string> = {};

export interface Operation {
  key: string;
  method: Method;
  path: string;
  spec: OpenApiOperation;
}

/** Every operation fuzzed, deletions last (so the other operations still find the real objects they are given). */
export const operations: Operation[] = [];
/** Operations of a method the fuzz does not send. */
export const unhandled: string[] = [];
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
operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

export const parametersOf = (operation: Operation, where: OpenApiParameter['in']) => (operation.spec.parameters ?? []).filter((p) => p.in === where);

export function bodySchemaOf(operation: Operation): JsonSchema | undefined {
  const content = operation.spec.requestBody?.content;
  return content?.['application/json']?.schema ?? (content ? Object.values(content)[0]?.schema : undefined);
}
