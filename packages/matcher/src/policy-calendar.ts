import type { CatalogIndex } from '@leadmatch/catalog-core';
import { matchDay } from './lead-profile.ts';
import type { MatchCatalog } from './types.ts';

const boundaries = new WeakMap<CatalogIndex, string[]>();

/** Every day on which a policy reaching some park comes into force or lapses, sorted. */
function validityBoundaries(index: CatalogIndex): string[] {
  let days = boundaries.get(index);
  if (!days) {
    const policies = [...[...index.policiesNaming.values()].flat(), ...index.regionPolicies];
    days = [...new Set(policies.flatMap((policy) => [policy.validFrom, policy.validTo]).filter((day) => day !== null))].sort();
    boundaries.set(index, days);
  }
  return days;
}

/** The position of the first day not before `day`. */
function firstFrom(days: readonly string[], day: string): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle]! < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether matching any lead against this catalog finds the same facts at both times. Time enters a
 * match only through the policies' validity (validFrom and validTo, inclusive, by UTC day), so the
 * facts can differ only when some policy starts or lapses on a day from the earlier to the later one.
 */
export function sameMatchAt(catalog: MatchCatalog, one: Date, other: Date): boolean {
  const [from, to] = [matchDay(one), matchDay(other)].sort() as [string, string];
  if (from === to) return true;
  const days = validityBoundaries(catalog.index);
  const next = firstFrom(days, from);
  return next === days.length || days[next]! > to;
}
