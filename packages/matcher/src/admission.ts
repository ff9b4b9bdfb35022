import type { MatchContext } from './assess-park.ts';
import { landTooSmall } from './carrier-limits.ts';
import type { ParkEntry } from './catalog-tables.ts';
import type { MatchResult } from './types.ts';

/** The same constraints for one park: whether `admitParks` lets it through. */
export function passesConstraints(entry: ParkEntry, { regionJudgements, profile }: MatchContext): boolean {
  const { landM2 } = profile.lead;
  return regionJudgements.of(entry.region).score !== 0 && (landM2 === null || !landTooSmall(entry.carrierLimits, landM2));
}

export interface Admission {
  /** The parks that pass every hard constraint. */
  parks: readonly ParkEntry[];
  excluded: MatchResult['excluded'];
}

/**
 * The hard constraints, checked before any scoring and counted per constraint, region first: a park
 * outside every (recognised) preferred region, or one whose land carriers are all known to be smaller
 * than the land the lead needs. A park with no land carriers, or one whose size is unknown, passes:
 * the catalog not knowing is not a failure. Only the parks of the regions named are visited.
 */
export function admitParks({ tables, regionJudgements, profile }: MatchContext): Admission {
  const { entries, index } = tables;
  const { named } = regionJudgements;
  const inRegion = named === null ? entries : named.flatMap((region) => index.byRegion[region]!.map((position) => entries[position]!));
  const { landM2 } = profile.lead;
  const parks = landM2 === null ? inRegion : inRegion.filter((entry) => !landTooSmall(entry.carrierLimits, landM2));
  return {
    parks,
    excluded: [
      { constraint: 'region', parks: entries.length - inRegion.length },
      { constraint: 'land', parks: inRegion.length - parks.length },
    ],
  };
}
