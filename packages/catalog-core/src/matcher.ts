import { HAN_HEAD, type TermEntry, type TermIndex } from './term-index.ts';
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

const HAN_RUN = /\p{Script=Han}+/gu;

/** Han terms of HAN_HEAD characters or more wherever they stand, also where the segmenter cut across them (商品住宅施工|总承包). */
function hanSpans(input: string, index: TermIndex): TermMatch[] {
  const found: TermMatch[] = [];
  for (const { 0: run, index: offset } of input.matchAll(HAN_RUN)) {
    for (let from = 0; from + HAN_HEAD <= run.length; from++) {
      for (const length of index.hanLengthsByHead.get(run.slice(from, from + HAN_HEAD)) ?? []) {
        if (from + length > run.length) break;
        const key = run.slice(from, from + length);
        const entries = index.byKey.get(key);
        if (entries) found.push({ key, text: key, start: offset + from, end: offset + from + length, entries });
      }
    }
  }
  return found;
}

/** Every run of consecutive tokens whose joined key is a term, and every longer Han term in the text. */
export function findTerms(input: string, tokens: readonly Token[], index: TermIndex): TermMatch[] {
  const found: TermMatch[] = hanSpans(input, index);
  const spans = new Set(found.map((match) => `${match.start}:${match.end}`));
  tokens.forEach((first, i) => {
    let key = first.key;
    for (let j = i; ; j += 1) {
      const last = tokens[j]!;
      const entries = index.byKey.get(key);
      if (entries && !spans.has(`${first.start}:${last.end}`)) found.push({ key, text: input.slice(first.start, last.end), start: first.start, end: last.end, entries });
      const next = tokens[j + 1];
      if (!next || !JOINABLE_GAP.test(input.slice(last.end, next.start))) break;
      if (next.han && !last.han) found.push(...mixedPrefixes(input, first.start, key, next, index));
      key = joinKeys(key, last, next);
      if (!index.prefixes.has(key)) break;
    }
  });
  return found;
}

/** Mixed terms ending inside a Han word the segmenter kept whole: pc构件 in pc | 构件厂. */
function mixedPrefixes(input: string, start: number, key: string, han: Token, index: TermIndex): TermMatch[] {
  const found: TermMatch[] = [];
  for (let length = 1; length < han.key.length; length++) {
    const entries = index.byKey.get(key + han.key.slice(0, length));
    if (entries) found.push({ key: key + han.key.slice(0, length), text: input.slice(start, han.start + length), start, end: han.start + length, entries });
  }
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
