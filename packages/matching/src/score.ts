import { roundTo } from '@leadmatch/domain';
import { FACTORS, type Factor } from './types.ts';
import { FACTOR_WEIGHTS, NEUTRAL_SCORE, NO_RELATION_FACTOR } from './weights.ts';

/**
 * The weighted mean over the factors the catalog knows (unknown ones left out, weights renormalised),
 * capped at the score the park would get were each unknown factor merely NEUTRAL_SCORE, so a park
 * cannot outrank a better-known one by knowing less; then scaled by NO_RELATION_FACTOR when nothing
 * relates the park to the lead's industry (scaled rather than capped, so such parks keep their order
 * among themselves). Rounded to 3 decimals.
 */
export function combinedScore(scores: Readonly<Record<Factor, number | null>>, industryRelated: boolean): number {
  let known = 0;
  let weighted = 0;
  let unknown = 0;
  for (const factor of FACTORS) {
    const score = scores[factor];
    if (score === null) unknown += FACTOR_WEIGHTS[factor];
    else {
      known += FACTOR_WEIGHTS[factor];
      weighted += FACTOR_WEIGHTS[factor] * score;
    }
  }
  const renormalised = known === 0 ? 0 : weighted / known;
  const neutralCap = (weighted + unknown * NEUTRAL_SCORE) / (known + unknown);
  return roundTo(Math.min(renormalised, neutralCap) * (industryRelated ? 1 : NO_RELATION_FACTOR), 3);
}
