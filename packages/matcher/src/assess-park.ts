import { carrierDemand, someCarrierFits, type CarrierDemand } from './carrier-limits.ts';
import { catalogTables, type CatalogTables, type ParkEntry } from './catalog-tables.ts';
import { carrierAssessor, perfectCarriersScore, type CarrierAssessor } from './factors/carriers.ts';
import { assessIndustry, type IndustryAssessment } from './factors/industry.ts';
import { assessIntensity, type IntensityAssessment } from './factors/intensity.ts';
import { platformAssessor, type PlatformAssessor } from './factors/platforms.ts';
import { policyAssessor, type PolicyAssessor } from './factors/policies.ts';
import { judgeRegions, sortPreferences, type RegionAssessment, type RegionJudgements, type RegionPreferences } from './factors/region.ts';
import { judgeFit, worthSuggesting, type Blocker } from './fit.ts';
import { leadKinship, type Kinships } from './industry-kinship.ts';
import type { LeadProfile } from './lead-profile.ts';
import { combinedScore, type FactorScores } from './score.ts';
import { FACTORS, type Fit, type MatchCatalog } from './types.ts';

/** What each factor found; carriers, policies and platforms need nothing but their score. */
export interface ParkFactors {
  industry: IndustryAssessment;
  carriers: number | null;
  policies: number | null;
  intensity: IntensityAssessment;
  region: RegionAssessment;
  platforms: number | null;
}

const POLICIES = FACTORS.indexOf('policies');

/** In FACTORS order (a test holds it to that). */
export function factorScores(factors: ParkFactors): FactorScores {
  return [factors.industry.score, factors.carriers, factors.policies, factors.intensity.score, factors.region.score, factors.platforms];
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
  regionJudgements: RegionJudgements;
  carrierDemand: readonly CarrierDemand[];
  /** No park's carriers score exceeds this. */
  carriersAtBest: number;
  carriers: CarrierAssessor;
  policies: PolicyAssessor;
  platforms: PlatformAssessor;
}

export function matchContext(profile: LeadProfile, catalog: MatchCatalog): MatchContext {
  const tables = catalogTables(catalog);
  const kinships = leadKinship(catalog.taxonomy, profile.codes, tables.codes);
  const regions = sortPreferences(profile.preferences, tables);
  return {
    profile,
    catalog,
    tables,
    kinships,
    regions,
    regionJudgements: judgeRegions(regions.recognised, tables),
    carrierDemand: carrierDemand(profile),
    carriersAtBest: perfectCarriersScore(profile),
    carriers: carrierAssessor(profile),
    policies: policyAssessor(tables, profile, kinships),
    platforms: platformAssessor(tables, kinships),
  };
}

/** Some carrier of the park fits the lead; the carriers score is then at least the fitting floor (see carrier-limits.ts). */
function carriersCanFit(entry: ParkEntry, context: MatchContext): boolean {
  return someCarrierFits(entry.carrierLimits, context.carrierDemand);
}

/**
 * A park that passed the hard constraints, assessed by stages from its best case to its exact score.
 * `fit` is never below the park's fit and `score` never below its score (the combined score only grows
 * with a factor's score), so a park whose estimate cannot enter the top N is dropped at once.
 */
export interface Estimate {
  entry: ParkEntry;
  factors: ParkFactors;
  fit: Fit;
  score: number;
}

/** Null when nothing about the park can be good for the lead: it is left out of the suggestions. */
function estimate(entry: ParkEntry, factors: ParkFactors, score = combinedScore(factorScores(factors), factors.industry.related)): Estimate | null {
  return worthSuggesting(factors) ? { entry, factors, fit: judgeFit(factors).fit, score } : null;
}

/**
 * Industry, region and intensity as they are; carriers at their best (unknown and "none fits" as they
 * are, any fitting carrier counted as perfect); policies and platforms at their best (`atBest`). When
 * the policies reaching the park might all be out of force, its policies might be unknown instead,
 * which can score higher: the ceiling is then the higher of the two.
 */
export function ceilingOf(entry: ParkEntry, context: MatchContext): Estimate | null {
  const { profile } = context;
  const { atBest } = entry;
  const hasCarriers = entry.carriers.length > 0 && profile.lead.uses.length > 0;
  const factors: ParkFactors = {
    industry: assessIndustry(entry, profile, context.kinships),
    carriers: !hasCarriers ? null : carriersCanFit(entry, context) ? context.carriersAtBest : 0,
    policies: atBest.policies,
    intensity: assessIntensity(entry.park, profile),
    region: context.regionJudgements.of(entry.region),
    platforms: atBest.platforms,
  };
  const related = factors.industry.related;
  const scores = factorScores(factors);
  const score = combinedScore(scores, related);
  if (atBest.policies === null || atBest.policiesKnown) return estimate(entry, factors, score);
  return estimate(entry, factors, Math.max(score, combinedScore(scores.with(POLICIES, null), related)));
}

/** The ceiling with policies and platforms judged: only the carriers are still at their best. */
export function assessProspect({ entry, factors }: Estimate, context: MatchContext): Estimate | null {
  return estimate(entry, { ...factors, policies: context.policies.score(entry), platforms: context.platforms.score(entry) });
}

/** The prospect with its carriers assessed: its exact score. */
export function completeAssessment({ entry, factors: atBest }: Estimate, context: MatchContext): ScoredPark {
  const factors = { ...atBest, carriers: context.carriers.score(entry.carriers) };
  const { fit, blockers } = judgeFit(factors);
  return { entry, factors, score: combinedScore(factorScores(factors), factors.industry.related), fit, blockers };
}
