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

/** Han terms at least this long are also found where the segmenter cut across them (商品住宅施工|总承包). */
const UNSEGMENTED_HAN_TERM = 3;
const HAN_RUN = /\p{Script=Han}+/gu;

/** Han terms of UNSEGMENTED_HAN_TERM characters or more, wherever they stand in a run of Han text. */
function hanSpans(input: string, index: TermIndex): TermMatch[] {
  const found: TermMatch[] = [];
  for (const { 0: run, index: offset } of input.matchAll(HAN_RUN)) {
    for (let from = 0; from + UNSEGMENTED_HAN_TERM <= run.length; from++) {
      for (let to = from + UNSEGMENTED_HAN_TERM; to <= Math.min(run.length, from + index.longestKey); to++) {
        const key = run.slice(from, to);
        const entries = index.byKey.get(key);
        if (entries) found.push({ key, text: key, start: offset + from, end: offset + to, entries });
      }
    }
  }
  return found;
}

/** Every run of consecutive tokens whose joined key is a term, and every longer Han term in the text. */
export function findTerms(input: string, tokens: readonly Token[], index: TermIndex): TermMatch[] {
  const found: TermMatch[] = hanSpans(input, index);
  tokens.forEach((first, i) => {
    let key = first.key;
    for (let j = i; ; j += 1) {
      const last = tokens[j]!;
      const entries = index.byKey.get(key);
      const known = found.some((match) => match.start === first.start && match.end === last.end);
      if (entries && !known) found.push({ key, text: input.slice(first.start, last.end), start: first.start, end: last.end, entries });
      const next = tokens[j + 1];
      if (!next || !JOINABLE_GAP.test(input.slice(last.end, next.start))) break;
      key = joinKeys(key, last, next);
      if (key.length > index.longestKey) break;
    }
  });
  return found;
}

/**
 * The matches not lying inside a longer one: 高端医疗器械 hides 医疗器械, cross-border e-commerce
 * hides e-commerce. Each match keeps only the entries `keep` accepts; a match left with none is dropped
 * first, so that it hides nothing.
 */
export function outermost(matches: readonly TermMatch[], keep: (entry: TermEntry) => boolean): TermMatch[] {
  const kept = matches.flatMap((match) => {
    const entries = match.entries.filter(keep);
    return entries.length > 0 ? [{ ...match, entries }] : [];
  });
  return kept.filter((match) => !kept.some((other) => covers(other, match)));
}

function covers(outer: TermMatch, inner: TermMatch): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
}
