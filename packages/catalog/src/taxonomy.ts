import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Industry } from '@leadmatch/domain';

/** How code `b` stands to code `a`. */
export type Relation = 'exact' | 'parent' | 'child' | 'related' | null;

/**
 * The industry tree with its declared cross-links. Every method taking a code throws on an unknown
 * code rather than answering as if the industry simply had no relatives.
 */
export class Taxonomy {
  readonly #byCode: ReadonlyMap<string, Industry>;
  readonly #children: ReadonlyMap<string, readonly string[]>;
  readonly #links: ReadonlyMap<string, readonly string[]>;

  constructor(industries: readonly Industry[]) {
    this.#byCode = indexByCode(industries);
    for (const industry of industries) checkReferences(industry, this.#byCode);
    for (const industry of industries) checkNoParentCycle(industry, this.#byCode);
    this.#children = groupChildren(industries);
    this.#links = linkBothWays(industries);
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

  /** Nearest first. */
  ancestors(code: string): string[] {
    const found: string[] = [];
    for (let parent = this.parentOf(code); parent !== null; parent = this.parentOf(parent)) found.push(parent);
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

  /**
   * 'parent' when b is an ancestor of a, 'child' when b is a descendant of a. Otherwise 'related' when a
   * or one of its ancestors is cross-linked (either direction) to b or one of its ancestors: a link
   * between biomed and health makes every biomed sub-industry related to health. Siblings are not
   * related unless linked.
   */
  relation(a: string, b: string): Relation {
    this.#require(a);
    this.#require(b);
    if (a === b) return 'exact';
    if (this.ancestors(a).includes(b)) return 'parent';
    if (this.ancestors(b).includes(a)) return 'child';
    const lineOfB = new Set([b, ...this.ancestors(b)]);
    const linked = [a, ...this.ancestors(a)].some((code) => this.related(code).some((other) => lineOfB.has(other)));
    return linked ? 'related' : null;
  }

  #require(code: string): Industry {
    const industry = this.#byCode.get(code);
    if (!industry) throw new Error(`Unknown industry code: ${code}`);
    return industry;
  }
}

const DEFAULT_PATH = fileURLToPath(new URL('../../../seeds/industries.json', import.meta.url));

/** Reads `{ "industries": [...] }`, by default the repository's seeds/industries.json. */
export function loadTaxonomy(path: string = DEFAULT_PATH): Taxonomy {
  const document = JSON.parse(readFileSync(path, 'utf8')) as { industries?: unknown };
  if (!Array.isArray(document.industries)) throw new Error(`${path} has no "industries" array`);
  return new Taxonomy(document.industries as Industry[]);
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
  for (const code of industry.related) {
    if (!byCode.has(code)) throw new Error(`Industry ${industry.code} is related to unknown code: ${code}`);
  }
}

function checkNoParentCycle(industry: Industry, byCode: ReadonlyMap<string, Industry>): void {
  const seen = new Set([industry.code]);
  for (let parent = industry.parent; parent !== null; parent = byCode.get(parent)?.parent ?? null) {
    if (seen.has(parent)) throw new Error(`Parent cycle at industry ${parent} (reached from ${industry.code})`);
    seen.add(parent);
  }
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
