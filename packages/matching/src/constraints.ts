import type { Carrier } from '@leadmatch/domain';
import { areaVerdict } from './factors/carriers.ts';
import type { RegionAssessment } from './factors/region.ts';
import type { MatchLead } from './types.ts';

export type Constraint = 'region' | 'land';

/**
 * The hard constraints, checked before any scoring: a park outside every (recognised) preferred
 * region, or one whose land carriers are all known to be smaller than the land the lead needs. A park
 * with no land carriers, or one whose size is unknown, passes: the catalog not knowing is not a failure.
 */
export function brokenConstraint(lead: MatchLead, region: RegionAssessment, carriers: readonly Carrier[]): Constraint | null {
  if (region.score === 0) return 'region';
  if (lead.landM2 === null) return null;
  let land = 0;
  for (const carrier of carriers) {
    if (carrier.type !== 'land') continue;
    if (areaVerdict(carrier.area, lead.landM2) !== 'short') return null;
    land++;
  }
  return land > 0 ? 'land' : null;
}
