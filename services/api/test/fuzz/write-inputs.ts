import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { BROKEN_ESCAPES, EXTREME_JSON_NUMBERS, NON_FINITE_JSON, POLLUTING } from './hostile-values.ts';
import { pathsOf, replaceAt } from './support.ts';

/**
 * Hostile bodies and path parameters for the write fuzz: arbitrary JSON, any unicode, huge numbers,
 * deep nesting, `__proto__` and `constructor` keys, oversized strings and bodies, bad path parameters.
 */

const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary' }).map((text) => JSON.stringify(text)),
  fc.constantFrom(...NON_FINITE_JSON, ...EXTREME_JSON_NUMBERS),
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

/** A valid body with dangerous keys spliced in as own keys of the top-level object. */
function withPollutingKeys(base: unknown, raw: string): string {
  const text = JSON.stringify(base);
  if (!text.startsWith('{') || text === '{}') return raw;
  return `${raw.slice(0, -1)},${text.slice(1)}`;
}

/** Bodies for a route whose valid body is `base`: hostile whole, or with one value replaced by hostile raw JSON. */
export function bodiesFor(base: unknown): fc.Arbitrary<string | undefined> {
  const paths = pathsOf(base).filter((path) => path.length > 0);
  return fc.oneof(
    nasty,
    anythingAsJson(),
    fc.string({ unit: 'binary' }),
    fc.constant(undefined),
    fc.integer({ min: 64 * 1024 + 1, max: 80 * 1024 }).map((size) => JSON.stringify({ filler: 'x'.repeat(size) })),
    fc.constantFrom(...POLLUTING).map((raw) => withPollutingKeys(base, raw)),
    paths.length
      ? fc.tuple(fc.constantFrom(...paths), fc.oneof(nasty, anythingAsJson())).map(([path, raw]) => replaceAt(base, path, raw))
      : nasty,
  );
}

/** A path parameter: mostly ids of rows that exist, else anything. */
export function paramValue(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    fc.uuid(),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', '..', '%00', 'x'.repeat(150)),
    fc.constantFrom(...BROKEN_ESCAPES),
  );
}

/** The route's URL with its parameters filled in, encoded (broken escapes sent as they are). */
export function urlFor(route: RouteOptions, values: string[]): string {
  let i = 0;
  return route.url.replace(/:[A-Za-z]+/g, () => {
    const value = values[i++] ?? '';
    return BROKEN_ESCAPES.includes(value) ? value : encodeURIComponent(value);
  });
}
