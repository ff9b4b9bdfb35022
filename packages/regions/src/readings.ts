import type { Division } from './division.ts';

type Names = ReadonlyMap<string, readonly Division[]>;

/** Province, city, county: a place text names at most three divisions. */
const MOST_PARTS = 3;

/**
 * Every way of reading `units` (characters, or English words) as up to three consecutive names, each
 * as the divisions the name may be.
 */
export function readings(units: readonly string[], names: Names, longestName: number): (readonly Division[])[][] {
  const found: (readonly Division[])[][] = [];
  const walk = (from: number, taken: (readonly Division[])[]) => {
    if (from === units.length) {
      found.push(taken);
      return;
    }
    if (taken.length === MOST_PARTS) return;
    for (let to = from + 1; to <= Math.min(units.length, from + longestName); to++) {
      const divisions = names.get(units.slice(from, to).join(''));
      if (divisions) walk(to, [...taken, divisions]);
    }
  };
  walk(0, []);
  return found;
}

/**
 * The divisions one part may be that lie in a division every other part may be: 江苏苏州 is 苏州市,
 * not 宿州市. With `outerFirst` (Chinese order) only the last part is the place named; otherwise
 * (English: "Suzhou, Jiangsu" or "Jiangsu Suzhou") any part may be.
 */
export function placesNamed(parts: readonly (readonly Division[])[], outerFirst: boolean): Division[] {
  const innermost = outerFirst ? [parts.length - 1] : parts.map((_, i) => i);
  return innermost.flatMap((target) =>
    parts[target]!.filter((division) =>
      parts.every((part, i) => i === target || part.some((outer) => division.parents.includes(outer.code))),
    ),
  );
}
