import { roundTo } from '@leadmatch/domain';
import { FACTORS } from './types.ts';
import { FACTOR_WEIGHTS, NEUTRAL_SCORE, NO_RELATION_FACTOR } from './weights.ts';

/** Factor scores in FACTORS order (null: unknown); by position because this runs several times for every park a lead considers. */
export type FactorScores = readonly (number | null)[];

const WEIGHTS = FACTORS.map((factor) => FACTOR_WEIGHTS[factor]);

/**
 * The weighted mean over the factors the catalog knows (unknown ones left out, weights renormalised),
 * capped at the score the park would get were each unknown factor merely NEUTRAL_SCORE, so a park
 * cannot outrank a better-known one by knowing less; then scaled by NO_RELATION_FACTOR when nothing
 * relates the park to the lead's industry (scaled rather than capped, so such parks keep their order
 * among themselves). Rounded to 3 decimals.
 */
export function combinedScore(scores: FactorScores, industryRelated: boolean): number {
  let known = 0;
  let weighted = 0;
  let unknown = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const score = scores[i]!;
    if (score === null) unknown += WEIGHTS[i]!;
    else {
      known += WEIGHTS[i]!;
      weighted += WEIGHTS[i]! * score;
    }
  }
  const renormalised = known === 0 ? 0 : weighted / known;
  const neutralCap = (weighted + unknown * NEUTRAL_SCORE) / (known + unknown);
  return roundTo(Math.min(renormalised, neutralCap) * (industryRelated ? 1 : NO_RELATION_FACTOR), 3);
}
