import type { Division } from './division.ts';
import { divisionIndexes } from './name-index.ts';

export function divisionByCode(code: string): Division | undefined {
  return divisionIndexes().byCode.get(code);
}

/**
 * The division a province, city and district by their names (full or short, outermost first) stand
 * for: the innermost one found, each looked for in the one before. A municipality's city (上海市 in
 * 上海市) is the province itself. Null when the province is not known.
 */
export function divisionAt(names: readonly (string | null)[]): Division | null {
  const { byName } = divisionIndexes();
  let found = null as Division | null;
  for (const name of names) {
    if (name === null || name === found?.name) continue;
    const outer = found;
    const inner = byName.get(name)?.find((division) => (outer === null ? division.level === 'province' : division.parents.includes(outer.code)));
    if (inner === undefined) break;
    found = inner;
  }
  return found;
}

/** The divisions it lies in, outermost first. */
export function parentsOf(division: Division): Division[] {
  return division.parents.map((code) => divisionByCode(code)!);
}
