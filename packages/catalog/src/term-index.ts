import type { Industry } from '@leadmatch/domain';
import { normalize } from './normalize.ts';
import type { Taxonomy } from './taxonomy.ts';
import { termKey } from './tokens.ts';

/** A term that is the industry's own name counts for more than a synonym. */
export type TermKind = 'name' | 'synonym';

export interface TermEntry {
  readonly code: string;
  readonly kind: TermKind;
}

export interface TermIndex {
  readonly byKey: ReadonlyMap<string, readonly TermEntry[]>;
  /** No span of input longer than this can be a term. */
  readonly longestKey: number;
  /** Normalised Chinese terms written only in Han characters, for the segmenter's dictionary. */
  readonly hanTerms: readonly string[];
}

const ALL_HAN = /^\p{Script=Han}+$/u;

export function buildTermIndex(taxonomy: Taxonomy): TermIndex {
  const byKey = new Map<string, TermEntry[]>();
  const hanTerms = new Set<string>();
  for (const industry of taxonomy.all()) {
    for (const { term, kind } of termsOf(industry)) {
      if (ALL_HAN.test(term)) hanTerms.add(term);
      const key = termKey(term);
      const entries = byKey.get(key) ?? [];
      // Names are listed first, so a name repeated among the synonyms keeps counting as a name.
      if (!entries.some((entry) => entry.code === industry.code)) byKey.set(key, [...entries, { code: industry.code, kind }]);
    }
  }
  const longestKey = Math.max(0, ...[...byKey.keys()].map((key) => key.length));
  return { byKey, longestKey, hanTerms: [...hanTerms] };
}

function termsOf(industry: Industry): { term: string; kind: TermKind }[] {
  const { name, synonyms } = industry;
  return [
    ...[name.zhHans, name.zhHant, name.en].map((text) => ({ term: normalize(text), kind: 'name' as const })),
    ...[...synonyms.zh, ...synonyms.en].map((text) => ({ term: normalize(text), kind: 'synonym' as const })),
  ];
}
