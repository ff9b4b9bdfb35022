import type { TermEntry, TermIndex } from './term-index.ts';
import { joinKeys, type Token } from './tokens.ts';

/** One place in the input where a term was found. */
export interface TermMatch {
  readonly key: string;
  /** As it stands in the normalised input. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly entries: readonly TermEntry[];
}

/** Words of one term may be separated by spaces, hyphens or '&' (r&d services), nothing else. */
const JOINABLE_GAP = /^[\s&-]*$/;

/**
 * Every run of consecutive tokens whose joined key is a term, except runs lying inside a longer match:
 * 高端医疗器械 hides 医疗器械, cross-border e-commerce hides e-commerce.
 */
export function findTerms(input: string, tokens: readonly Token[], index: TermIndex): TermMatch[] {
  const found: TermMatch[] = [];
  tokens.forEach((first, i) => {
    let key = first.key;
    for (let j = i; ; j += 1) {
      const last = tokens[j]!;
      const entries = index.byKey.get(key);
      if (entries) found.push({ key, text: input.slice(first.start, last.end), start: first.start, end: last.end, entries });
      const next = tokens[j + 1];
      if (!next || !JOINABLE_GAP.test(input.slice(last.end, next.start))) break;
      key = joinKeys(key, last, next);
      if (key.length > index.longestKey) break;
    }
  });
  return found.filter((match) => !found.some((other) => covers(other, match)));
}

function covers(outer: TermMatch, inner: TermMatch): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
}
