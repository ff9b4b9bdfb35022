import type { IndustryMatch, Kinship, Relation, Taxonomy } from '@leadmatch/catalog-core';
import { GENERATION_DECAY, RELATION_VALUES, STRONG_CODE_WEIGHT } from './weights.ts';

type Related = Exclude<Relation, null>;

/** How catalog code b stands to code a; an unknown catalog code relates to nothing. */
function kinship(taxonomy: Taxonomy, a: string, b: string): Kinship {
  return taxonomy.has(b) ? taxonomy.kinship(a, b) : { relation: null, generations: 1 };
}

/**
 * How each catalog code stands to one code of the taxonomy. A taxonomy and a catalog's code list never
 * change once built, so each row is worked out once and remembered.
 */
const rows = new WeakMap<Taxonomy, WeakMap<readonly string[], Map<string, KinshipRow>>>();

interface KinshipRow {
  kinships: readonly Kinship[];
  /** The positions whose code relates at all: a national catalog names thousands of codes, a lead relates to few. */
  related: readonly number[];
}

function kinshipRow(taxonomy: Taxonomy, code: string, catalogCodes: readonly string[]): KinshipRow {
  let byCatalog = rows.get(taxonomy);
  if (!byCatalog) rows.set(taxonomy, (byCatalog = new WeakMap()));
  let byCode = byCatalog.get(catalogCodes);
  if (!byCode) byCatalog.set(catalogCodes, (byCode = new Map()));
  let row = byCode.get(code);
  if (!row) {
    const kinships = catalogCodes.map((other) => kinship(taxonomy, code, other));
    row = { kinships, related: kinships.flatMap((found, position) => (found.relation === null ? [] : [position])) };
    byCode.set(code, row);
  }
  return row;
}

/** How one catalog code stands to the lead's industry, over all the lead's classified codes. */
export interface LeadKinship {
  /** The lead code with the highest classification weight × relation value, or null when none relates. */
  best: { code: IndustryMatch; relation: Related; value: number } | null;
  /** A main code of the lead (weight ≥ STRONG_CODE_WEIGHT) is this very code. */
  exact: boolean;
  /** A main code of the lead is this code, or its direct parent or child. */
  direct: boolean;
  /** Some lead code is this code, an ancestor or a descendant of it (any generation, any weight). */
  lineage: boolean;
}

/** By code position in `CatalogTables.codes`. */
export type Kinships = readonly LeadKinship[];

function relationValue({ relation, generations }: Kinship): number {
  return relation === null ? 0 : RELATION_VALUES[relation] * GENERATION_DECAY ** (generations - 1);
}

const UNRELATED: LeadKinship = Object.freeze({ best: null, exact: false, direct: false, lineage: false });

function judge(codes: readonly IndustryMatch[], leadRows: readonly KinshipRow[], position: number): LeadKinship {
  const judged: LeadKinship = { best: null, exact: false, direct: false, lineage: false };
  codes.forEach((code, k) => {
    const found = leadRows[k]!.kinships[position]!;
    if (found.relation === null) return;
    const value = code.weight * relationValue(found);
    if (!judged.best || value > judged.best.value) judged.best = { code, relation: found.relation, value };
    const main = code.weight >= STRONG_CODE_WEIGHT;
    judged.exact ||= main && found.relation === 'exact';
    judged.direct ||= main && found.relation !== 'related' && found.generations === 1;
    judged.lineage ||= found.relation !== 'related';
  });
  return judged;
}

/**
 * Each code the catalog mentions (by its position in `catalogCodes`) judged against the lead's codes,
 * which must all be known to the taxonomy. A few hundred codes at most: cheaper than judging per park.
 */
export function leadKinship(taxonomy: Taxonomy, codes: readonly IndustryMatch[], catalogCodes: readonly string[]): Kinships {
  const leadRows = codes.map((code) => kinshipRow(taxonomy, code.code, catalogCodes));
  const kinships = new Array<LeadKinship>(catalogCodes.length).fill(UNRELATED);
  for (const row of leadRows) {
    for (const position of row.related) if (kinships[position] === UNRELATED) kinships[position] = judge(codes, leadRows, position);
  }
  return kinships;
}
