import type { ParkFactors } from './assess-park.ts';
import type { Fit } from './types.ts';
import { GOOD_SCORE } from './weights.ts';

/** What keeps a park from being a strong fit; 'unknown-focus' when the catalog lists no industry for it. */
export type Blocker = 'industry' | 'unknown-focus' | 'carriers' | 'intensity';

function good(score: number | null): boolean {
  return score !== null && score >= GOOD_SCORE;
}

/**
 * strong: a strong industry match (exact on any focus, or a direct parent or child of a lead focus,
 * from a main code of the lead) and no known requirement failing (carriers known and none fits;
 * the lead below a known intensity floor). Region is a hard constraint and already passed.
 * partial: any industry relation (focus or cluster facts), or fitting carriers plus good policies or
 * platforms. weak: anything else.
 */
export function judgeFit({ industry, carriers, intensity, policies, platforms }: ParkFactors): { fit: Fit; blockers: Blocker[] } {
  const blockers: Blocker[] = [];
  if (!industry.strongMatch) blockers.push(industry.score === null ? 'unknown-focus' : 'industry');
  if (carriers !== null && carriers < GOOD_SCORE) blockers.push('carriers');
  if (intensity.belowFloor) blockers.push('intensity');
  if (blockers.length === 0) return { fit: 'strong', blockers };
  const goodOtherwise = good(carriers) && (good(policies) || good(platforms));
  return { fit: industry.related || goodOtherwise ? 'partial' : 'weak', blockers };
}

/** A park with no industry relation and no factor good for the lead is left out of the suggestions. */
export function worthSuggesting({ industry, carriers, policies, platforms, intensity }: ParkFactors): boolean {
  return industry.related || good(carriers) || good(policies) || good(platforms) || good(intensity.score);
}
