import type { GbtLevel } from '@leadmatch/domain';
import { activitiesIn, fileUnder, sectionsCued } from './activities.ts';
import type { TermMatch } from './matcher.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { TermKind } from './term-index.ts';

/** A place on GB/T 4754-2017 the text points to: a class, or a group or division when only that is clear. */
export interface StandardMatch {
  code: string;
  level: GbtLevel;
  /** 0..1: how strong the words are (a name 1, a synonym 0.8, a core of a name less), times the share over the best rival. */
  confidence: number;
  /** The words of the input that decided it, including those naming the group or division above it. */
  matchedTerms: string[];
  /** Summed evidence, for ranking; the best is not normalised to 1. */
  score: number;
}

const KIND_WEIGHT: Record<TermKind, number> = { name: 1, synonym: 0.8, core: 0.6 };
/**
 * Words after the first clause (配套, 总投资, 直营门店 …) or after an English preposition (for swine,
 * of compressors) describe the business less than its head does.
 */
const SIDE_WEIGHT = 0.6;
/** A word shared with codes of a section the text's activity words point to counts this little for the others. */
const UNCUED_SHARE = 0.2;
/** A rival at least this close to the best makes the class unclear: the answer moves up to what they share. */
const TIE_RATIO = 0.85;
/** An activity's own evidence this close to the product's decides the answer. */
const ACTIVITY_RATIO = 0.5;
/** Filing a product under an activity by the standard's grouping is less certain than words naming the code. */
const FILED_CONFIDENCE = 0.8;
const MAX_RESULTS = 5;
const LEVEL_DEPTH: Record<GbtLevel, number> = { section: 0, division: 1, group: 2, class: 3 };

const CLAUSE_BREAK = /[，；;。！？!?：]|:(?!\d)|,(?!\d)/g;
const ENGLISH_SIDE = /\b(for|of|via|to|with|from|in)\b/g;

/** Where the head of the text ends: at the first clause break or English preposition, less the spaces before it. */
function headEnd(normalized: string): number {
  const breaks = [...normalized.matchAll(CLAUSE_BREAK)].map((m) => m.index);
  const side = [...normalized.matchAll(ENGLISH_SIDE)].map((m) => m.index);
  const end = Math.min(breaks[0] ?? Infinity, side[0] ?? Infinity, normalized.length);
  return normalized.slice(0, end).trimEnd().length;
}

interface Evidence {
  terms: Map<string, string>;
  weight: number;
  /** Where its first term starts in the input. */
  first: number;
  /** Where its last term in the head of the text ends, -1 when it has none there. */
  last: number;
}

/** Per GB/T code (the matches hold GB/T codes only), each distinct term once, its weight split between the codes sharing it. */
function collectEvidence(matches: readonly TermMatch[], head: number, cued: ReadonlySet<string>): Map<string, Evidence> {
  const evidence = new Map<string, Evidence>();
  for (const match of matches) {
    const share = shareOf(match.entries, cued);
    const inHead = match.start <= head;
    for (const { code, kind } of match.entries) {
      const found = evidence.get(code) ?? { terms: new Map<string, string>(), weight: 0, first: match.start, last: -1 };
      if (!found.terms.has(match.key)) {
        found.terms.set(match.key, match.text);
        found.weight += KIND_WEIGHT[kind] * (inHead ? 1 : SIDE_WEIGHT) * share(code);
      }
      if (inHead) found.last = Math.max(found.last, match.end);
      evidence.set(code, found);
    }
  }
  return evidence;
}

/**
 * How a word's weight is split between the GB/T codes sharing it: evenly, unless the text's
 * activity words point to the sections of some of them, which then share it.
 */
function shareOf(entries: readonly { code: string }[], cued: ReadonlySet<string>): (code: string) => number {
  const inCued = entries.filter((entry) => cued.has(entry.code[0]!)).length;
  if (inCued === 0 || inCued === entries.length) return () => 1 / entries.length;
  return (code) => (cued.has(code[0]!) ? 1 / inCued : UNCUED_SHARE / entries.length);
}

interface Candidate {
  code: string;
  level: GbtLevel;
  score: number;
  terms: Map<string, string>;
  first: number;
  last: number;
}

/** Each code with evidence, scored with the evidence of its ancestors: a class named beside its division outweighs both. */
function candidates(evidence: Map<string, Evidence>, taxonomy: Taxonomy): Candidate[] {
  return [...evidence]
    .map(([code, own]) => {
      const line = taxonomy.ancestors(code).filter((ancestor) => evidence.has(ancestor));
      const terms = new Map([...[...line].reverse().flatMap((ancestor) => [...evidence.get(ancestor)!.terms]), ...own.terms]);
      const score = own.weight + line.reduce((sum, ancestor) => sum + evidence.get(ancestor)!.weight, 0);
      return { code, level: taxonomy.get(code)!.level!, score, terms, first: own.first, last: own.last };
    })
    .sort((a, b) => b.score - a.score || LEVEL_DEPTH[b.level] - LEVEL_DEPTH[a.level] || a.first - b.first || (a.code < b.code ? -1 : 1));
}

function lineOf(taxonomy: Taxonomy, code: string): string[] {
  return [code, ...taxonomy.ancestors(code)];
}

/** The narrowest code above or at all of `codes` that is not a section, or undefined. */
function sharedBelowSection(taxonomy: Taxonomy, codes: readonly string[]): string | undefined {
  const [first, ...rest] = codes;
  return lineOf(taxonomy, first!).find(
    (code) => taxonomy.get(code)!.level !== 'section' && rest.every((other) => lineOf(taxonomy, other).includes(code)),
  );
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const confidenceOf = (score: number, rival: number) => round(Math.min(1, score) * (score / (score + rival)));

interface Answer {
  code: string;
  terms: Map<string, string>;
  confidence: number;
}

/**
 * The best candidate, or what close rivals share. Rivals sharing nothing below a section leave the head
 * of the phrase when a class ends it, as a compound names its head last (酒店精装修工程 is fitting-out
 * work, hazardous chemicals warehouse is storage); else the one named first. A head naming only a
 * division or section (门店, contractor) says how, not what, and does not decide.
 */
function answerFrom(distinct: readonly Candidate[], taxonomy: Taxonomy, head: number): Answer {
  const best = distinct[0]!;
  const close = distinct.filter((candidate) => candidate.score >= TIE_RATIO * best.score);
  const shared = close.length > 1 ? sharedBelowSection(taxonomy, close.map((candidate) => candidate.code)) : best.code;
  const headWord = close.find((candidate) => candidate.last === head && candidate.level === 'class');
  const code = shared ?? headWord?.code ?? [...close].sort((a, b) => a.first - b.first)[0]!.code;
  const inAnswer = (other: string) => lineOf(taxonomy, other).includes(code);
  const terms = new Map(close.filter((candidate) => inAnswer(candidate.code)).flatMap((candidate) => [...candidate.terms]));
  const rival = distinct.find((candidate) => !inAnswer(candidate.code));
  return { code, terms, confidence: confidenceOf(best.score, rival?.score ?? 0) };
}

/**
 * When the head of the text names an activity (repair, wholesale, retail, rental) and the answer lies
 * outside its division, the activity decides: its own evidence when it has some, else where the
 * standard files the product under that activity.
 */
function withActivity(answer: Answer, distinct: readonly Candidate[], headText: string, taxonomy: Taxonomy): Answer {
  const bestScore = distinct[0]!.score;
  for (const { activity, word } of activitiesIn(headText)) {
    const filesIt = (code: string) => activity.within.some((part) => code.startsWith(part));
    if (filesIt(answer.code)) return answer;
    const own = distinct.find((candidate) => filesIt(candidate.code) && candidate.score >= ACTIVITY_RATIO * bestScore);
    if (own) return { code: own.code, terms: own.terms, confidence: confidenceOf(own.score, bestScore) };
    const filed = fileUnder(activity, answer.code);
    if (!taxonomy.has(filed)) continue;
    return { code: filed, terms: new Map([[word, word], ...answer.terms]), confidence: round(answer.confidence * FILED_CONFIDENCE) };
  }
  return answer;
}

/**
 * GB/T codes the words point to (`matches` holding only GB/T codes), best first. When rivals come close to the best class, the answer is
 * the group or division they share, saying only what is clear; an activity the text names decides the
 * division.
 */
export function rankStandard(matches: readonly TermMatch[], taxonomy: Taxonomy, normalized: string): StandardMatch[] {
  const head = headEnd(normalized);
  const ranked = candidates(collectEvidence(matches, head, sectionsCued(normalized)), taxonomy);
  const distinct = ranked.filter((candidate, i) => !ranked.slice(0, i).some((better) => taxonomy.ancestors(better.code).includes(candidate.code)));
  if (distinct.length === 0) return [];
  const answer = withActivity(answerFrom(distinct, taxonomy, head), distinct, normalized.slice(0, head), taxonomy);
  const inAnswer = (code: string) => lineOf(taxonomy, code).includes(answer.code) || lineOf(taxonomy, answer.code).includes(code);
  const bestScore = distinct[0]!.score;
  const others = distinct
    .filter((candidate) => !inAnswer(candidate.code))
    .slice(0, MAX_RESULTS - 1)
    .map((candidate) => ({
      code: candidate.code,
      level: candidate.level,
      confidence: confidenceOf(candidate.score, bestScore),
      matchedTerms: [...candidate.terms.values()],
      score: round(candidate.score),
    }));
  const first = { code: answer.code, level: taxonomy.get(answer.code)!.level!, confidence: answer.confidence, matchedTerms: [...answer.terms.values()], score: round(bestScore) };
  return [first, ...others];
}
