import type { TermMatch } from './matcher.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { TermKind } from './term-index.ts';

export interface IndustryMatch {
  code: string;
  /** 0..1, the best match weighing 1. */
  weight: number;
  /** The words of the input that named this industry, as they stand in the normalised input. */
  matchedTerms: string[];
}

const TERM_WEIGHT: Record<TermKind, number> = { name: 1, synonym: 0.6, core: 0.6 };

interface Evidence {
  terms: Map<string, string>;
  score: number;
}

/**
 * Focus codes, from matches holding only focus codes (`rankStandard` ranks GB/T codes). An industry scores the weights of the distinct
 * terms naming it, plus the score of its nearest ancestor that also matched: a child found next to its
 * parent always outweighs it.
 */
export function scoreMatches(matches: readonly TermMatch[], taxonomy: Taxonomy): IndustryMatch[] {
  const evidence = collectEvidence(matches);
  const scoreOf = (code: string): number => {
    const ancestor = taxonomy.ancestors(code).find((other) => evidence.has(other));
    return evidence.get(code)!.score + (ancestor ? scoreOf(ancestor) : 0);
  };
  const scores = new Map([...evidence.keys()].map((code) => [code, scoreOf(code)]));
  const best = Math.max(...scores.values());
  return [...evidence]
    .map(([code, { terms }]) => ({
      code,
      weight: Math.round((scores.get(code)! / best) * 1000) / 1000,
      matchedTerms: [...terms.values()],
    }))
    .sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1));
}

/** Per industry: each distinct term once, shown as first written. `matches` come in input order. */
function collectEvidence(matches: readonly TermMatch[]): Map<string, Evidence> {
  const evidence = new Map<string, Evidence>();
  for (const match of matches) {
    for (const { code, kind } of match.entries) {
      const found = evidence.get(code) ?? { terms: new Map<string, string>(), score: 0 };
      if (!found.terms.has(match.key)) {
        found.terms.set(match.key, match.text);
        found.score += TERM_WEIGHT[kind];
      }
      evidence.set(code, found);
    }
  }
  return evidence;
}
