import type { Park } from '@leadmatch/domain';
import type { LeadProfile } from '../lead-profile.ts';

type Measure = 'tax' | 'investment';

export interface IntensityCheck {
  measure: Measure;
  /** The park's floor, 万元/亩. */
  floor: number;
  /** The lead's own figure, 万元/亩; null when it gave no land area or no amount. */
  lead: number | null;
}

export interface IntensityAssessment {
  /** Null when the park has no known floor or the lead gives no figure to compare with one. */
  score: number | null;
  checks: IntensityCheck[];
  /** The lead falls short of a known floor. */
  belowFloor: boolean;
}

const NO_FLOOR: IntensityAssessment = { score: null, checks: [], belowFloor: false };

/** The park's known floors, each with the lead's figure (万元/亩) to hold against it. */
export function intensityChecks({ thresholds }: Park, taxPerMuWan: number | null, investmentPerMuWan: number | null): IntensityCheck[] {
  const checks: IntensityCheck[] = [];
  if (thresholds.minTaxPerMuWan !== null) checks.push({ measure: 'tax', floor: thresholds.minTaxPerMuWan, lead: taxPerMuWan });
  if (thresholds.minInvestmentPerMuWan !== null) checks.push({ measure: 'investment', floor: thresholds.minInvestmentPerMuWan, lead: investmentPerMuWan });
  return checks;
}

/** Each comparable check scores lead / floor, at most 1; the factor is their mean. */
export function assessIntensity(park: Park, profile: LeadProfile): IntensityAssessment {
  const checks = intensityChecks(park, profile.taxPerMuWan, profile.investmentPerMuWan);
  if (checks.length === 0) return NO_FLOOR;
  const comparable = checks.filter((check): check is IntensityCheck & { lead: number } => check.lead !== null);
  if (comparable.length === 0) return { score: null, checks, belowFloor: false };
  const ratios = comparable.map(({ floor, lead }) => (floor === 0 ? 1 : Math.min(1, lead / floor)));
  return {
    score: ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length,
    checks,
    belowFloor: comparable.some(({ floor, lead }) => lead < floor),
  };
}
