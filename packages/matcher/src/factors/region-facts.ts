import type { Division } from '@leadmatch/regions';
import type { ReasonFindings, RegionReason } from '../facts.ts';
import type { RegionAssessment } from './region.ts';

export function regionFacts(region: RegionAssessment, parkDivision: Division | null): ReasonFindings<RegionReason> {
  return {
    matchedTerms: [...region.matched],
    level: region.level,
    places: region.places.map((place) => ({ ...place })),
    parkDivision: parkDivision?.code ?? null,
  };
}
