import { passesConstraints } from './admission.ts';
import { assessProspect, ceilingOf, completeAssessment, type Estimate, type MatchContext, type ScoredPark } from './assess-park.ts';
import type { ParkEntry } from './catalog-tables.ts';
import { strongMatches } from './industry-reach.ts';
import { TopN } from './rank.ts';

/**
 * The top N of the admitted parks, and how many strong fits there are among them. Each park is
 * assessed by stages (ceiling, prospect, exact score) and dropped as soon as its estimate cannot enter
 * the top N: what is dropped could never have changed the answer. A ceiling's fit is the park's fit
 * when it is strong, so the strong parks, found through the index, are counted from their ceilings
 * and ranked first; the other admitted parks only when the strong ones do not fill the top N.
 */
export function rankParks(admitted: readonly ParkEntry[], context: MatchContext, n: number): { top: ScoredPark[]; strongParks: number } {
  const top = new TopN<ScoredPark>(n);
  const assess = (ceiling: Estimate) => {
    if (!top.admits(ceiling)) return;
    const prospect = assessProspect(ceiling, context);
    if (prospect && top.admits(prospect)) top.add(completeAssessment(prospect, context));
  };
  /** The parks with the n highest ceilings go first: the top N then starts high, and fewer of the rest get past their ceiling. */
  const rank = (ceilings: readonly Estimate[]) => {
    const highest = new TopN<Estimate>(n);
    for (const ceiling of ceilings) highest.add(ceiling);
    for (const ceiling of highest.ranked) assess(ceiling);
    for (const ceiling of ceilings) if (!highest.ranked.includes(ceiling)) assess(ceiling);
  };
  const ceilings = (parks: readonly ParkEntry[]) => {
    const found: Estimate[] = [];
    for (const entry of parks) {
      const ceiling = ceilingOf(entry, context);
      if (ceiling) found.push(ceiling);
    }
    return found;
  };
  const strong = ceilings(strongMatches(context.tables, context.kinships).filter((entry) => passesConstraints(entry, context))).filter(
    (ceiling) => ceiling.fit === 'strong',
  );
  rank(strong);
  if (!top.fullAbove('partial')) {
    const counted = new Set(strong.map((ceiling) => ceiling.entry));
    rank(ceilings(admitted.filter((entry) => !counted.has(entry))));
  }
  return { top: top.ranked, strongParks: strong.length };
}
