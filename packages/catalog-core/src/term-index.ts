import type { Industry } from '@leadmatch/domain';
import { enCores, zhCores } from './name-cores.ts';
import { normalize } from './normalize.ts';
import type { Taxonomy } from './taxonomy.ts';
import { termKey } from './tokens.ts';

/**
 * A term that is the industry's own name counts for more than a synonym, and a synonym for more than
 * a core of a GB/T name (its product or activity without the words every name has).
 */
export type TermKind = 'name' | 'synonym' | 'core';

export interface TermEntry {
  readonly code: string;
  readonly kind: TermKind;
}

export interface TermIndex {
  readonly byKey: ReadonlyMap<string, readonly TermEntry[]>;
  /** Every key and every beginning of one: a run of tokens whose joined key is not here cannot grow into a term. */
  readonly prefixes: ReadonlySet<string>;
  /** The lengths of the Han terms of three or more characters, by their first three characters. */
  readonly hanLengthsByHead: ReadonlyMap<string, readonly number[]>;
  /** Normalised Chinese terms written only in Han characters, for the segmenter's dictionary. */
  readonly hanTerms: readonly string[];
}

const ALL_HAN = /^\p{Script=Han}+$/u;
/** A core shared by more codes than this names nothing in particular (制品, 机械 …) and is left out. */
const MAX_CODES_PER_CORE = 6;

interface RawEntry {
  code: string;
  kind: TermKind;
  standard: boolean;
}

export function buildTermIndex(taxonomy: Taxonomy): TermIndex {
  const raw = new Map<string, RawEntry[]>();
  for (const industry of taxonomy.all()) {
    const standard = industry.level !== undefined;
    for (const { term, kind } of termsOf(industry, standard)) {
      const key = termKey(term);
      if (key === '') continue;
      const entries = raw.get(key) ?? [];
      // Names come first, so a name repeated among the synonyms keeps counting as a name.
      if (entries.some((entry) => entry.code === industry.code)) continue;
      raw.set(key, [...entries, { code: industry.code, kind, standard }]);
    }
  }
  const byKey = new Map<string, TermEntry[]>();
  for (const [key, entries] of raw) {
    const kept = entries.filter((entry) => entry.kind !== 'core' || sameScheme(entries, entry).length <= MAX_CODES_PER_CORE);
    if (kept.length > 0) byKey.set(key, kept.map((entry) => ({ code: entry.code, kind: entry.kind })));
  }
  const prefixes = new Set([...byKey.keys()].flatMap((key) => Array.from({ length: key.length }, (_, i) => key.slice(0, i + 1))));
  const hanTerms = [...byKey.keys()].filter((key) => ALL_HAN.test(key));
  return { byKey, prefixes, hanLengthsByHead: lengthsByHead(hanTerms), hanTerms };
}

export const HAN_HEAD = 3;

function lengthsByHead(hanTerms: readonly string[]): Map<string, number[]> {
  const byHead = new Map<string, Set<number>>();
  for (const term of hanTerms) {
    if (term.length < HAN_HEAD) continue;
    const head = term.slice(0, HAN_HEAD);
    byHead.set(head, (byHead.get(head) ?? new Set()).add(term.length));
  }
  return new Map([...byHead].map(([head, lengths]) => [head, [...lengths].sort((a, b) => a - b)]));
}

function sameScheme(entries: readonly RawEntry[], entry: RawEntry): RawEntry[] {
  return entries.filter((other) => other.standard === entry.standard);
}

function termsOf(industry: Industry, standard: boolean): { term: string; kind: TermKind }[] {
  const { name, synonyms } = industry;
  const cores = standard ? [...zhCores(name.zhHans), ...enCores(name.en)] : [];
  return [
    ...[name.zhHans, name.zhHant, name.en].map((text) => ({ term: normalize(text), kind: 'name' as const })),
    ...[...synonyms.zh, ...synonyms.en].map((text) => ({ term: normalize(text), kind: 'synonym' as const })),
    ...cores.map((text) => ({ term: normalize(text), kind: 'core' as const })),
  ];
}
