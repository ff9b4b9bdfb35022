import { roundTo } from '@leadmatch/domain';
import type { MatchContext, ScoredPark } from './assess-park.ts';
import { carriersFacts } from './factors/carriers.ts';
import { industryFacts } from './factors/industry.ts';
import { platformIds, platformsFacts } from './factors/platforms.ts';
import { policiesFacts, relevantPolicies } from './factors/policies.ts';
import { regionFacts } from './factors/region-facts.ts';
import type { ReasonsFacts, SuggestionFacts } from './facts.ts';
import type { Factor } from './types.ts';
import { FACTOR_WEIGHTS } from './weights.ts';

/** A factor's score to 3 decimals, and its weight. */
function scored3(score: number | null, factor: Factor): { score: number | null; weight: number } {
  return { score: score === null ? null : roundTo(score, 3), weight: FACTOR_WEIGHTS[factor] };
}

/** What a suggestion rests on; found only for the parks that make the answer. */
export function suggestionFacts(rank: number, scored: ScoredPark, context: MatchContext): SuggestionFacts {
  const { entry, factors, score, fit, blockers } = scored;
  const { park } = entry;
  const { profile, kinships } = context;
  const carriers = context.carriers.findings(entry.carriers);
  const policies = context.policies.findings(entry);
  const platforms = context.platforms.findings(entry);
  const reasons: ReasonsFacts = [
    { factor: 'industry', ...scored3(factors.industry.score, 'industry'), ...industryFacts(factors.industry, entry, profile, kinships) },
    { factor: 'carriers', ...scored3(factors.carriers, 'carriers'), ...carriersFacts(factors.carriers, carriers, profile) },
    { factor: 'policies', ...scored3(factors.policies, 'policies'), ...policiesFacts(factors.policies, policies, profile) },
    { factor: 'intensity', ...scored3(factors.intensity.score, 'intensity'), matchedTerms: [] },
    { factor: 'region', ...scored3(factors.region.score, 'region'), ...regionFacts(factors.region, context.tables.index.regionDivisions[entry.region] ?? null) },
    { factor: 'platforms', ...scored3(factors.platforms, 'platforms'), ...platformsFacts(factors.platforms, platforms, profile) },
  ];
  const parentKnown = park.parentId !== null && context.catalog.index.parks.has(park.parentId);
  return {
    rank,
    park: park.id,
    parentPark: parentKnown ? park.parentId : null,
    score,
    fit,
    blockers,
    carriers: carriers.fitting.map((check) => check.carrier.id),
    policies: relevantPolicies(policies).map((policy) => policy.id),
    platforms: platformIds(platforms),
    reasons,
  };
}
