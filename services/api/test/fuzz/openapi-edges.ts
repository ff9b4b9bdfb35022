import fc from 'fast-check';
import { FORMAT_EDGES, percentEncode } from './hostile-values.ts';
import { answerProblems, describe, pointerOf, type Sent } from './openapi-checks.ts';
import { bodySchemaOf, document, flattenAllOf, operations, parametersOf, resolveRef, type JsonSchema } from './openapi-document.ts';
import type { OpenApiFixtures } from './openapi-fixtures.ts';
import { QUERY_NUMBERS } from './openapi-requests.ts';
import { valueArbitrary } from './schema-arbitraries.ts';
import { admin, PLACEHOLDER } from './support.ts';

/**
 * Random runs reach a format's unusual texts (a leap second, a `urn:uuid:` id …) and the extreme numbers
 * only now and then; sendEveryEdge sends each of them once in each place of each operation that has
 * that format or a number (path, query and body), the rest of the request valid.
 */

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

/** Sends every edge everywhere (deletions left out, which would take real objects from later runs); the requests sent and the rules broken. */
export async function sendEveryEdge({ app, realIdsFor, knownBodies, references }: OpenApiFixtures, seedBase: number): Promise<{ sent: number; failures: string[] }> {
  const failures: string[] = [];
  let sent = 0;
  for (const [index, operation] of operations.entries()) {
    if (operation.method === 'DELETE') continue; // Deleting a real object would take it from the fuzz runs after this.
    const seed = seedBase + index;
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
  return { sent, failures };
}
