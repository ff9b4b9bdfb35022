import fc from 'fast-check';
import { EXTREME_JSON_NUMBERS, FORMAT_EDGES, holdsRefused, NON_FINITE_JSON, oddButStorableText, POLLUTING, refusedText } from './hostile-values.ts';
import { pointerOf, type Expected } from './openapi-checks.ts';
import { bodySchemaOf, document, type Operation } from './openapi-document.ts';
import type { OpenApiFixtures } from './openapi-fixtures.ts';
import { valueArbitrary } from './schema-arbitraries.ts';
import { pathsOf, PLACEHOLDER, replaceAt } from './support.ts';

/**
 * Request bodies for the OpenAPI fuzz: valid ones (from the schema, openapi.json's examples or real
 * documents), and hostile ones: a valid body with one field replaced by a hostile value, a wrong type
 * or a number out of double range written as raw JSON, a key added or removed, garbage, bytes that are
 * not UTF-8, and other content types.
 */

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

export interface BodyCase {
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

export function bodyCases({ knownBodies, references }: OpenApiFixtures, operation: Operation): { valid: fc.Arbitrary<BodyCase>; hostile: fc.Arbitrary<BodyCase> } | undefined {
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
    fc.constantFrom('', ' ', 'null', '[]', '{}', '{"a":1,"a":2}', ...POLLUTING.slice(0, 2), ...NON_FINITE_JSON),
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
