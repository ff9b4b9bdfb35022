import type { Industry } from '@leadmatch/domain';

/** How code `b` stands to code `a`. */
export type Relation = 'exact' | 'parent' | 'child' | 'related' | null;

/** A relation and, for parent and child, across how many generations (1 for everything else). */
export interface Kinship {
  relation: Relation;
  generations: number;
}

const NO_KINSHIP: Kinship = { relation: null, generations: 1 };

/**
 * The industry tree with its declared cross-links. Every method taking a code throws on an unknown
 * code rather than answering as if the industry simply had no relatives.
 */
export class Taxonomy {
  readonly #byCode: ReadonlyMap<string, Industry>;
  readonly #children: ReadonlyMap<string, readonly string[]>;
  readonly #links: ReadonlyMap<string, readonly string[]>;
  /** GB/T code → the focus codes whose `gbt` list names it. */
  readonly #coveredBy: ReadonlyMap<string, readonly string[]>;
  readonly #focusOf = new Map<string, readonly string[]>();
  readonly #ancestors = new Map<string, readonly string[]>();

  constructor(industries: readonly Industry[]) {
    this.#byCode = indexByCode(industries);
    for (const industry of industries) checkReferences(industry, this.#byCode);
    for (const industry of industries) checkNoParentCycle(industry, this.#byCode);
    this.#children = groupChildren(industries);
    this.#links = linkBothWays(industries);
    this.#coveredBy = coverage(industries);
  }

  get(code: string): Industry | undefined {
    return this.#byCode.get(code);
  }

  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  /** In the order they were given. */
  all(): Industry[] {
    return [...this.#byCode.values()];
  }

  parentOf(code: string): string | null {
    return this.#require(code).parent;
  }

  /** Nearest first; worked out once per code. */
  ancestors(code: string): readonly string[] {
    let found = this.#ancestors.get(code);
    if (!found) {
      const line: string[] = [];
      for (let parent = this.parentOf(code); parent !== null; parent = this.parentOf(parent)) line.push(parent);
      this.#ancestors.set(code, (found = Object.freeze(line)));
    }
    return found;
  }

  childrenOf(code: string): string[] {
    this.#require(code);
    return [...(this.#children.get(code) ?? [])];
  }

  /** Depth first, children in the order they were given. */
  descendants(code: string): string[] {
    return this.childrenOf(code).flatMap((child) => [child, ...this.descendants(child)]);
  }

  /** Codes cross-linked to `code` in either direction (`a.related` lists b, or `b.related` lists a), sorted. */
  related(code: string): string[] {
    this.#require(code);
    return [...(this.#links.get(code) ?? [])];
  }

  /** How `b` stands to `a`, as `kinship` judges it. */
  relation(a: string, b: string): Relation {
    return this.kinship(a, b).relation;
  }

  /**
   * Between focus codes: 'parent' when b is an ancestor of a, 'child' when b is a descendant of a. Otherwise 'related' when a
   * or one of its ancestors is cross-linked (either direction) to b or one of its ancestors: a link
   * between biomed and health makes every biomed sub-industry related to health. Siblings are not
   * related unless linked.
   */
  #treeRelation(a: string, b: string): Relation {
    this.#require(a);
    this.#require(b);
    if (a === b) return 'exact';
    if (this.ancestors(a).includes(b)) return 'parent';
    if (this.ancestors(b).includes(a)) return 'child';
    const lineOfB = new Set([b, ...this.ancestors(b)]);
    const linked = [a, ...this.ancestors(a)].some((code) => this.related(code).some((other) => lineOfB.has(other)));
    return linked ? 'related' : null;
  }

  /** The name to show in explanations: a GB/T entry with its code in front (C3442 气体压缩机械制造). */
  displayName(code: string): { zhHans: string; en: string } {
    const { name, level } = this.#require(code);
    return level === undefined ? name : { zhHans: `${code} ${name.zhHans}`, en: `${code} ${name.en}` };
  }

  /** A GB/T 4754-2017 entry (it has a level), as opposed to one of the project's focus codes. */
  isStandard(code: string): boolean {
    return this.#require(code).level !== undefined;
  }

  /**
   * The focus codes a GB/T code falls within: those that cover it most closely, walking up from the
   * code itself. C3952 falls within acoustics (which names C3952) rather than also within ngit (which
   * names the whole of C39). Empty for a focus code.
   */
  focusOf(code: string): readonly string[] {
    if (!this.isStandard(code)) return [];
    let found = this.#focusOf.get(code);
    if (!found) {
      const line = [code, ...this.ancestors(code)];
      const nearest = line.find((entry) => this.#coveredBy.has(entry));
      const covering = nearest === undefined ? [] : this.#coveredBy.get(nearest)!;
      found = covering.filter((focus) => !covering.some((other) => this.ancestors(other).includes(focus))).sort();
      this.#focusOf.set(code, found);
    }
    return found;
  }

  /**
   * How `b` stands to `a`. Within one scheme, by the tree: GB/T codes that share a group or division
   * but neither contains the other are related. Across schemes, through the focus codes the GB/T code
   * falls within: C3441 falls within high-end-equipment (parent, one generation) when that focus covers C34.
   */
  kinship(a: string, b: string): Kinship {
    const standardA = this.isStandard(a);
    const standardB = this.isStandard(b);
    if (standardA && standardB) return this.#standardKinship(a, b);
    if (standardA) return this.#acrossKinship(a, b);
    if (standardB) return invert(this.#acrossKinship(b, a));
    const relation = this.#treeRelation(a, b);
    const generations = relation === 'parent' ? this.ancestors(a).indexOf(b) + 1 : relation === 'child' ? this.ancestors(b).indexOf(a) + 1 : 1;
    return { relation, generations };
  }

  /**
   * A division, its groups and its classes are one industry line: within a division parent and child
   * are one generation apart, so a park focused on C34 is a direct parent of a C3442 lead. A section
   * is a generation further.
   */
  #standardKinship(a: string, b: string): Kinship {
    if (a === b) return { relation: 'exact', generations: 1 };
    const generations = (broader: string) => (this.get(broader)!.level === 'section' ? 2 : 1);
    if (this.ancestors(a).includes(b)) return { relation: 'parent', generations: generations(b) };
    if (this.ancestors(b).includes(a)) return { relation: 'child', generations: generations(a) };
    const aboveA = this.ancestors(a);
    const aboveB = this.ancestors(b);
    const shared = aboveA.find((code) => aboveB.includes(code));
    return shared !== undefined && this.get(shared)!.level !== 'section' ? { relation: 'related', generations: 1 } : NO_KINSHIP;
  }

  /** `standard` is a GB/T code and `focus` a focus code. */
  #acrossKinship(standard: string, focus: string): Kinship {
    const found = this.focusOf(standard).map((own) => {
      const { relation, generations } = this.kinship(own, focus);
      if (relation === 'exact') return { relation: 'parent' as const, generations: 1 };
      if (relation === 'parent') return { relation, generations: generations + 1 };
      return { relation, generations };
    });
    const order = (k: Kinship) => (k.relation === 'parent' ? k.generations : k.relation === 'child' ? 100 + k.generations : k.relation === 'related' ? 1000 : 10_000);
    return found.sort((x, y) => order(x) - order(y))[0] ?? NO_KINSHIP;
  }

  #require(code: string): Industry {
    const industry = this.#byCode.get(code);
    if (!industry) throw new Error(`Unknown industry code: ${code}`);
    return industry;
  }
}

function indexByCode(industries: readonly Industry[]): Map<string, Industry> {
  const byCode = new Map<string, Industry>();
  for (const industry of industries) {
    if (byCode.has(industry.code)) throw new Error(`Duplicate industry code: ${industry.code}`);
    byCode.set(industry.code, industry);
  }
  return byCode;
}

function checkReferences(industry: Industry, byCode: ReadonlyMap<string, Industry>): void {
  if (industry.parent !== null && !byCode.has(industry.parent)) {
    throw new Error(`Industry ${industry.code} has unknown parent: ${industry.parent}`);
  }
  for (const code of [...industry.related, ...(industry.gbt ?? [])]) {
    if (!byCode.has(code)) throw new Error(`Industry ${industry.code} refers to unknown code: ${code}`);
  }
}

function checkNoParentCycle(industry: Industry, byCode: ReadonlyMap<string, Industry>): void {
  const seen = new Set([industry.code]);
  for (let parent = industry.parent; parent !== null; parent = byCode.get(parent)?.parent ?? null) {
    if (seen.has(parent)) throw new Error(`Parent cycle at industry ${parent} (reached from ${industry.code})`);
    seen.add(parent);
  }
}

function invert({ relation, generations }: Kinship): Kinship {
  return { relation: relation === 'parent' ? 'child' : relation === 'child' ? 'parent' : relation, generations };
}

function coverage(industries: readonly Industry[]): Map<string, string[]> {
  const coveredBy = new Map<string, string[]>();
  for (const { code, gbt } of industries) {
    for (const covered of gbt ?? []) coveredBy.set(covered, [...(coveredBy.get(covered) ?? []), code]);
  }
  return coveredBy;
}

function groupChildren(industries: readonly Industry[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const { code, parent } of industries) {
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), code]);
  }
  return children;
}

function linkBothWays(industries: readonly Industry[]): Map<string, string[]> {
  const links = new Map<string, Set<string>>();
  const link = (from: string, to: string) => links.set(from, (links.get(from) ?? new Set()).add(to));
  for (const { code, related } of industries) {
    for (const other of related) {
      link(code, other);
      link(other, code);
    }
  }
  return new Map([...links].map(([code, linked]) => [code, [...linked].sort()]));
}
