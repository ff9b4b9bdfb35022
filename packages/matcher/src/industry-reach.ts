import type { CatalogTables, ParkEntry } from './catalog-tables.ts';
import type { Kinships } from './industry-kinship.ts';

/**
 * The parks `assessIndustry` would find a strong match in, through the park index rather than by
 * visiting every park: a focus that is exactly one of the lead's main codes, or a lead focus that is a
 * direct parent or child of one. Only these can be strong fits.
 */
export function strongMatches({ entries, index }: CatalogTables, kinships: Kinships): ParkEntry[] {
  const found = new Uint8Array(entries.length);
  const parks: ParkEntry[] = [];
  const add = (positions: readonly number[]) => {
    for (const position of positions) {
      if (found[position]) continue;
      found[position] = 1;
      parks.push(entries[position]!);
    }
  };
  kinships.forEach((kinship, code) => {
    if (kinship.exact) add(index.byFocus[code]!);
    if (kinship.direct) add(index.byLeadFocus[code]!);
  });
  return parks;
}
