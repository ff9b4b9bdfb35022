import type { IndustryMatch, Relation, Taxonomy } from '@leadmatch/catalog';
import { GENERATION_DECAY, RELATION_VALUES, STRONG_CODE_WEIGHT } from './weights.ts';

type Related = Exclude<Relation, null>;

/** How catalog code b stands to code a, and across how many generations for parent/child. */
interface Kinship {
  relation: Relation;
  generations: number;
}

/** The taxonomy never changes once built, so relations are remembered across calls. */
const kinshipMemo = new WeakMap<Taxonomy, Map<string, Kinship>>();

function kinship(taxonomy: Taxonomy, a: string, b: string): Kinship {
  let memo = kinshipMemo.get(taxonomy);
  if (!memo) kinshipMemo.set(taxonomy, (memo = new Map()));
  const key = `${a}\u0000${b}`;
  let found = memo.get(key);
  if (!found) {
    const relation = taxonomy.has(b) ? taxonomy.relation(a, b) : null;
    const generations =
      relation === 'parent' ? taxonomy.ancestors(a).indexOf(b) + 1 : relation === 'child' ? taxonomy.ancestors(b).indexOf(a) + 1 : 1;
    memo.set(key, (found = { relation, generations }));
  }
  return found;
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

function judge(taxonomy: Taxonomy, codes: readonly IndustryMatch[], other: string): LeadKinship {
  const judged: LeadKinship = { best: null, exact: false, direct: false, lineage: false };
  for (const code of codes) {
    const found = kinship(taxonomy, code.code, other);
    if (found.relation === null) continue;
    const value = code.weight * relationValue(found);
    if (!judged.best || value > judged.best.value) judged.best = { code, relation: found.relation, value };
    const main = code.weight >= STRONG_CODE_WEIGHT;
    judged.exact ||= main && found.relation === 'exact';
    judged.direct ||= main && found.relation !== 'related' && found.generations === 1;
    judged.lineage ||= found.relation !== 'related';
  }
  return judged;
}

/**
 * Each code the catalog mentions (by its position in `catalogCodes`) judged against the lead's codes,
 * which must all be known to the taxonomy. A few hundred codes at most: cheaper than judging per park.
 */
export function leadKinship(taxonomy: Taxonomy, codes: readonly IndustryMatch[], catalogCodes: readonly string[]): Kinships {
  return catalogCodes.map((other) => judge(taxonomy, codes, other));
}
