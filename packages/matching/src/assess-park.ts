import { catalogTables, type CatalogTables, type ParkEntry } from './catalog-tables.ts';
import { brokenConstraint, type Constraint } from './constraints.ts';
import { carrierAssessor, type CarrierAssessor } from './factors/carriers.ts';
import { assessIndustry, type IndustryAssessment } from './factors/industry.ts';
import { assessIntensity, type IntensityAssessment } from './factors/intensity.ts';
import { policyAssessor, type PolicyAssessor } from './factors/policies.ts';
import { platformAssessor, type PlatformAssessor } from './factors/platforms.ts';
import { regionJudge, sortPreferences, type RegionAssessment, type RegionJudge, type RegionPreferences } from './factors/region.ts';
import { judgeFit, worthSuggesting, type Blocker } from './fit.ts';
import { leadKinship, type Kinships } from './industry-kinship.ts';
import type { LeadProfile } from './lead-profile.ts';
import { combinedScore } from './score.ts';
import type { Factor, Fit, MatchCatalog } from './types.ts';

/** What each factor found; carriers, policies and platforms need nothing but their score. */
export interface ParkFactors {
  industry: IndustryAssessment;
  carriers: number | null;
  policies: number | null;
  intensity: IntensityAssessment;
  region: RegionAssessment;
  platforms: number | null;
}

export function factorScores(factors: ParkFactors): Record<Factor, number | null> {
  return {
    industry: factors.industry.score,
    carriers: factors.carriers,
    policies: factors.policies,
    intensity: factors.intensity.score,
    region: factors.region.score,
    platforms: factors.platforms,
  };
}

export interface ScoredPark {
  entry: ParkEntry;
  factors: ParkFactors;
  score: number;
  fit: Fit;
  blockers: Blocker[];
}

/** One lead against one catalog: what every park's assessment shares. */
export interface MatchContext {
  profile: LeadProfile;
  catalog: MatchCatalog;
  tables: CatalogTables;
  kinships: Kinships;
  regions: RegionPreferences;
  regionOf: RegionJudge;
  carriersOf: CarrierAssessor;
  policiesOf: PolicyAssessor;
  platformsOf: PlatformAssessor;
}

export function matchContext(profile: LeadProfile, catalog: MatchCatalog): MatchContext {
  const tables = catalogTables(catalog);
  const kinships = leadKinship(catalog.taxonomy, profile.codes, tables.codes);
  const regions = sortPreferences(profile.preferences, tables.regions);
  return {
    profile,
    catalog,
    tables,
    kinships,
    regions,
    regionOf: regionJudge(regions.recognised),
    carriersOf: carrierAssessor(profile),
    policiesOf: policyAssessor(tables, profile, kinships),
    platformsOf: platformAssessor(tables, kinships),
  };
}

/**
 * The hard constraint the park breaks; or the park scored, with its fit; or null when nothing about
 * it is good for the lead and it is left out of the suggestions.
 */
export function assessPark(entry: ParkEntry, context: MatchContext): Constraint | ScoredPark | null {
  const { profile } = context;
  const region = context.regionOf(entry);
  const broken = brokenConstraint(profile.lead, region, entry.carriers);
  if (broken) return broken;
  const factors: ParkFactors = {
    industry: assessIndustry(entry, profile, context.kinships),
    carriers: context.carriersOf(entry.carriers),
    policies: context.policiesOf(entry),
    intensity: assessIntensity(entry.park, profile),
    region,
    platforms: context.platformsOf(entry),
  };
  if (!worthSuggesting(factors)) return null;
  const { fit, blockers } = judgeFit(factors);
  return { entry, factors, score: combinedScore(factorScores(factors), factors.industry.related), fit, blockers };
}
