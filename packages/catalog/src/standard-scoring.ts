import type { GbtLevel } from '@leadmatch/domain';
import type { TermMatch } from './matcher.ts';
import type { TermKind } from './term-index.ts';
import type { Taxonomy } from './taxonomy.ts';

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
/** A rival at least this close to the best makes the class unclear: the answer moves up to what they share. */
const TIE_RATIO = 0.85;
const MAX_RESULTS = 5;
const LEVEL_DEPTH: Record<GbtLevel, number> = { section: 0, division: 1, group: 2, class: 3 };

interface Evidence {
  terms: Map<string, string>;
  weight: number;
}

/**
 * Per GB/T code, each distinct term once, its weight split between the codes sharing it. A focus
 * code's terms do not count here: a focus covers GB/T codes, it is not one of them.
 */
function collectEvidence(matches: readonly TermMatch[], taxonomy: Taxonomy): Map<string, Evidence> {
  const evidence = new Map<string, Evidence>();
  for (const match of matches) {
    for (const { code, kind, sharedBy } of match.entries) {
      if (!taxonomy.isStandard(code)) continue;
      const found = evidence.get(code) ?? { terms: new Map<string, string>(), weight: 0 };
      if (!found.terms.has(match.key)) {
        found.terms.set(match.key, match.text);
        found.weight += KIND_WEIGHT[kind] / sharedBy;
      }
      evidence.set(code, found);
    }
  }
  return evidence;
}

interface Candidate {
  code: string;
  level: GbtLevel;
  score: number;
  terms: Map<string, string>;
}

/** Each code with evidence, scored with the evidence of its ancestors: a class named beside its division outweighs both. */
function candidates(evidence: Map<string, Evidence>, taxonomy: Taxonomy): Candidate[] {
  return [...evidence]
    .map(([code, own]) => {
      const line = taxonomy.ancestors(code).filter((ancestor) => evidence.has(ancestor));
      const terms = new Map([...line.reverse().flatMap((ancestor) => [...evidence.get(ancestor)!.terms]), ...own.terms]);
      const score = own.weight + line.reduce((sum, ancestor) => sum + evidence.get(ancestor)!.weight, 0);
      return { code, level: taxonomy.get(code)!.level!, score, terms };
    })
    .sort((a, b) => b.score - a.score || LEVEL_DEPTH[b.level] - LEVEL_DEPTH[a.level] || (a.code < b.code ? -1 : 1));
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

/**
 * GB/T codes the words point to, best first. When rivals come close to the best class, the answer is
 * the group or division they share, saying only what is clear.
 */
export function rankStandard(matches: readonly TermMatch[], taxonomy: Taxonomy): StandardMatch[] {
  const ranked = candidates(collectEvidence(matches, taxonomy), taxonomy);
  const distinct = ranked.filter((candidate, i) => !ranked.slice(0, i).some((better) => taxonomy.ancestors(better.code).includes(candidate.code)));
  const [best] = distinct;
  if (!best) return [];
  const close = distinct.filter((candidate) => candidate.score >= TIE_RATIO * best.score);
  const shared = close.length > 1 ? sharedBelowSection(taxonomy, close.map((candidate) => candidate.code)) : best.code;
  // Rivals in different sections share nothing to answer with: the broadest of them says least that is not known.
  const answerCode = shared ?? [...close].sort((a, b) => LEVEL_DEPTH[a.level] - LEVEL_DEPTH[b.level])[0]!.code;
  const inAnswer = (code: string) => lineOf(taxonomy, code).includes(answerCode);
  const answerTerms = new Map(close.filter((candidate) => inAnswer(candidate.code)).flatMap((candidate) => [...candidate.terms]));
  const rivals = distinct.filter((candidate) => !inAnswer(candidate.code));
  const confidenceOf = (score: number, rival: number) => round(Math.min(1, score) * (score / (score + rival)));
  const answer: StandardMatch = {
    code: answerCode,
    level: taxonomy.get(answerCode)!.level!,
    confidence: confidenceOf(best.score, rivals[0]?.score ?? 0),
    matchedTerms: [...answerTerms.values()],
    score: round(best.score),
  };
  const others = rivals.slice(0, MAX_RESULTS - 1).map((candidate) => ({
    code: candidate.code,
    level: candidate.level,
    confidence: confidenceOf(candidate.score, best.score),
    matchedTerms: [...candidate.terms.values()],
    score: round(candidate.score),
  }));
  return [answer, ...others];
}
