import fc from 'fast-check';
import { BROKEN_ESCAPES, FORMAT_EDGES, holdsControl, holdsLoneSurrogate, oddButStorableText, percentEncode, refusedText } from './hostile-values.ts';
import { bodyCases, type BodyCase } from './openapi-bodies.ts';
import { escapePointer, type Expected, type Sent } from './openapi-checks.ts';
import { document, parametersOf, type Operation, type OpenApiParameter } from './openapi-document.ts';
import type { OpenApiFixtures } from './openapi-fixtures.ts';
import { valueArbitrary } from './schema-arbitraries.ts';
import { admin } from './support.ts';

/**
 * Whole requests for the OpenAPI fuzz: path parameters (schema-valid, ids of real objects, hostile),
 * query parameters (schema-valid, control characters, lone surrogates, numbers out of range, overlong
 * text, garbage cursors), headers and bodies (openapi-bodies.ts), hostile in one place at a time.
 */

interface PathValue {
  encoded: string;
  /** A value the route means (a real id or one of the schema): the route must then exist. */
  valid: boolean;
  refused: boolean;
}

/** A path parameter, encoded: values the route means, and hostile ones. */
function pathParameter({ realIdsFor, allRealIds }: OpenApiFixtures, operation: Operation, parameter: OpenApiParameter): { valid: fc.Arbitrary<PathValue>; hostile: fc.Arbitrary<PathValue> } {
  const real = realIdsFor(operation.path);
  // Longer than 100 characters a parameter is a 414 before anything looks into it.
  const plain = (text: string, valid: boolean) => ({ encoded: percentEncode(text), valid, refused: holdsControl(text) && text.length <= 90 });
  const valid = fc.oneof(
    ...(real.length ? [{ weight: 3, arbitrary: fc.constantFrom(...real).map((id) => plain(id, true)) }] : []),
    { weight: 1, arbitrary: valueArbitrary(document, parameter.schema ?? {}).map((value) => plain(String(value), true)) },
  );
  const hostile = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...allRealIds).map((id) => plain(id, false)) },
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

export const QUERY_NUMBERS = ['1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '-1', '0', '-0', '1.5', '0.0001', '9007199254740993', '2147483648', '2147483647', '-2147483649', '1e3', '0x10', '+1', ' 1', '1 ', '00001', '١٢', ''];
const QUERY_TEXT = ['true', 'false', 'null', '[]', '{}', '+275760-09-13T00:00:00.001Z', '2024-13-45T99:99:99Z', ...Object.values(FORMAT_EDGES).flat()];

/** What Node's HTTP parser lets through as a request line (its header limit is 16 KiB). */
export const MAX_URL_LENGTH = 16_000;

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

// ---------------------------------------------------------------- a whole request

type Focus = 'none' | 'path' | 'query' | 'body' | 'all';

/**
 * A request with hostile values in one place (the focus) and valid ones elsewhere, so a refusal comes
 * from that place and valid requests reach the database; now and then hostile everywhere at once.
 */
export function requests(fixtures: OpenApiFixtures, operation: Operation): fc.Arbitrary<Sent> {
  const pathParameters = parametersOf(operation, 'path');
  const queryParameters = parametersOf(operation, 'query');
  const inPath = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const undocumented = inPath.filter((name) => !pathParameters.some((parameter) => parameter.name === name));
  if (undocumented.length) throw new Error(`${operation.key}: path parameters without a schema: ${undocumented.join(', ')}`);
  const path = pathParameters.map((parameter) => pathParameter(fixtures, operation, parameter));
  const query = queryParameters.map(queryParameter);
  const body = bodyCases(fixtures, operation);
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
