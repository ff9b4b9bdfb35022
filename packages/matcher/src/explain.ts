import { roundTo } from '@leadmatch/domain';
import { factorScores, type MatchContext, type ScoredPark } from './assess-park.ts';
import { explainCarriers, suggestedCarriers } from './factors/carriers.ts';
import { explainIndustry } from './factors/industry.ts';
import { explainIntensity } from './factors/intensity.ts';
import { explainPlatforms, suggestedPlatforms } from './factors/platforms.ts';
import { explainPolicies, suggestedPolicies } from './factors/policies.ts';
import { explainRegion } from './factors/region.ts';
import type { Explanation } from './text.ts';
import { FACTORS, type Factor, type Suggestion } from './types.ts';
import { FACTOR_WEIGHTS } from './weights.ts';

/** The full, explained suggestion; built only for the parks that make the answer. */
export function suggestion(rank: number, scored: ScoredPark, context: MatchContext): Suggestion {
  const { entry, factors, score, fit } = scored;
  const { park } = entry;
  const { profile, catalog, kinships } = context;
  const parent = park.parentId === null ? undefined : catalog.index.parks.get(park.parentId);
  const carriers = context.carriers.findings(entry.carriers);
  const policies = context.policies.findings(entry);
  const platforms = context.platforms.findings(entry);
  const explained: Record<Factor, Explanation> = {
    industry: explainIndustry(factors.industry, entry, profile, kinships, catalog.taxonomy),
    carriers: explainCarriers(factors.carriers, carriers, profile),
    policies: explainPolicies(factors.policies, policies, profile),
    intensity: explainIntensity(factors.intensity, park, profile),
    region: explainRegion(factors.region, context.regions, park),
    platforms: explainPlatforms(factors.platforms, platforms, profile),
  };
  const scores = factorScores(factors);
  return {
    rank,
    park: { id: park.id, name: park.name, nameEn: park.nameEn, parentName: parent?.name ?? null },
    score,
    fit,
    carriers: suggestedCarriers(carriers),
    policies: suggestedPolicies(policies),
    platforms: suggestedPlatforms(platforms),
    reasons: FACTORS.map((factor, i) => {
      const factorScore = scores[i]!;
      return { factor, score: factorScore === null ? null : roundTo(factorScore, 3), weight: FACTOR_WEIGHTS[factor], ...explained[factor] };
    }),
  };
}
