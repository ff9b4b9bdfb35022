import { detectLanguage, type Language } from './language.ts';
import { findTerms, outermost } from './matcher.ts';
import { describe } from './message.ts';
import { normalize } from './normalize.ts';
import { judgeRegistered, type RegisteredUse } from './registered-code.ts';
import { scoreMatches, type IndustryMatch } from './scoring.ts';
import { createHanSegmenter } from './segmenter.ts';
import { rankStandard, type StandardMatch } from './standard-scoring.ts';
import type { Taxonomy } from './taxonomy.ts';
import { buildTermIndex } from './term-index.ts';
import { tokenize } from './tokens.ts';

export interface Classification {
  input: string;
  normalized: string;
  language: Language;
  /** What matching reads: the GB/T codes found (the answer first) and the focus codes the words name, heaviest first. */
  matches: IndustryMatch[];
  /** GB/T 4754-2017 codes, the answer first; a group or division when only that is clear. */
  standard: StandardMatch[];
  /** The registered class given with the lead, and how it was used beside the text; null when none was given. */
  registered: RegisteredUse | null;
  unmatched: boolean;
  /** Bilingual: the industries recognised and the words they came from, or that none was. */
  message: string;
}

export interface Classifier {
  /** `registeredCode` must be a GB/T class of the taxonomy (validated at the edge). */
  classify(text: string, registeredCode?: string | null): Classification;
}

/** GB/T codes after the answer count while they come this close to it. */
const SECONDARY_SHARE = 0.5;
/**
 * The weight of a runner-up at most: a side code, below what can make a match strong (matching's
 * STRONG_CODE_WEIGHT is 0.5), so a park is never a strong fit on the classifier's second guess.
 */
const RUNNER_UP_WEIGHT = 0.4;
const MAX_STANDARD_CODES = 3;

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The answer with full weight, and the runners-up that came close as side codes. */
function standardCodes(standard: readonly StandardMatch[]): IndustryMatch[] {
  const [answer, ...runnersUp] = standard.slice(0, MAX_STANDARD_CODES);
  if (!answer) return [];
  const close = runnersUp.filter((match) => match.score >= SECONDARY_SHARE * answer.score);
  return [
    { code: answer.code, weight: 1, matchedTerms: answer.matchedTerms },
    ...close.map((match) => ({ code: match.code, weight: round((RUNNER_UP_WEIGHT * match.score) / answer.score), matchedTerms: match.matchedTerms })),
  ];
}

function withRegistered(fromText: IndustryMatch[], registered: RegisteredUse): IndustryMatch[] {
  const own = { code: registered.code, matchedTerms: [registered.code] };
  switch (registered.used) {
    case 'both':
      return registered.agreement === 'same' ? fromText : [{ ...own, weight: 1 }, ...fromText];
    case 'text':
      return [...fromText, { ...own, weight: RUNNER_UP_WEIGHT }];
    case 'registered': {
      const below = registered.agreement === 'refines' ? [] : fromText.map((match) => ({ ...match, weight: round(match.weight * RUNNER_UP_WEIGHT) }));
      return [{ ...own, weight: 1 }, ...below];
    }
  }
}

const byWeight = (a: IndustryMatch, b: IndustryMatch) => b.weight - a.weight || (a.code < b.code ? -1 : 1);

/** Builds the term index and the segmenter once (well under a second); classifying a phrase then takes microseconds. */
export function createClassifier(taxonomy: Taxonomy): Classifier {
  const index = buildTermIndex(taxonomy);
  const segmentHan = createHanSegmenter(index.hanTerms);
  return {
    classify(input, registeredCode = null) {
      const normalized = normalize(input);
      const terms = findTerms(normalized, tokenize(normalized, segmentHan), index);
      // Each scheme reads the text on its own: lithium batteries (a GB/T term) does not hide lithium (a focus term).
      const standard = rankStandard(outermost(terms, (entry) => taxonomy.isStandard(entry.code)), taxonomy, normalized);
      // A registered class staff have since removed from the catalog can no longer be weighed: the text alone decides.
      const registered = registeredCode !== null && taxonomy.has(registeredCode) ? judgeRegistered(taxonomy, registeredCode, standard[0]) : null;
      const fromText = standardCodes(standard);
      const codes = registered ? withRegistered(fromText, registered) : fromText;
      const focus = scoreMatches(outermost(terms, (entry) => !taxonomy.isStandard(entry.code)), taxonomy);
      const matches = [...codes, ...focus].sort(byWeight);
      return {
        input,
        normalized,
        language: detectLanguage(normalized),
        matches,
        standard,
        registered,
        unmatched: matches.length === 0,
        message: describe(normalized, standard, focus, registered, taxonomy),
      };
    },
  };
}
