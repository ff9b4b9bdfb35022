import { roundTo } from '@leadmatch/domain';
import { factorScores, type MatchContext, type ScoredPark } from './assess-park.ts';
import { explainCarriers, suggestedCarriers } from './factors/carriers.ts';
import { explainIndustry } from './factors/industry.ts';
import { explainIntensity } from './factors/intensity.ts';
import { explainPolicies, suggestedPolicies } from './factors/policies.ts';
import { explainPlatforms, suggestedPlatforms } from './factors/platforms.ts';
import { explainRegion } from './factors/region.ts';
import type { Explanation } from './text.ts';
import { FACTORS, type Factor, type Reason, type Suggestion } from './types.ts';
import { FACTOR_WEIGHTS } from './weights.ts';

function reasons({ entry, factors }: ScoredPark, context: MatchContext): Reason[] {
  const { profile, catalog, tables, kinships } = context;
  const { park } = entry;
  const explained: Record<Factor, Explanation> = {
    industry: explainIndustry(factors.industry, entry, profile, kinships, catalog.taxonomy),
    carriers: explainCarriers(factors.carriers, entry.carriers, profile),
    policies: explainPolicies(factors.policies, entry, tables, profile, kinships),
    intensity: explainIntensity(factors.intensity, park, profile),
    region: explainRegion(factors.region, context.regions, park),
    platforms: explainPlatforms(factors.platforms, entry, tables, kinships, profile),
  };
  const scores = factorScores(factors);
  return FACTORS.map((factor) => {
    const score = scores[factor];
    return { factor, score: score === null ? null : roundTo(score, 3), weight: FACTOR_WEIGHTS[factor], ...explained[factor] };
  });
}

/** The full, explained suggestion; built only for the parks that make the answer. */
export function suggestion(rank: number, scored: ScoredPark, context: MatchContext): Suggestion {
  const { entry, score, fit } = scored;
  const { park } = entry;
  const { profile, catalog, tables, kinships } = context;
  const parent = park.parentId === null ? undefined : catalog.index.parks.get(park.parentId);
  return {
    rank,
    park: { id: park.id, name: park.name, nameEn: park.nameEn, parentName: parent?.name ?? null },
    score,
    fit,
    carriers: suggestedCarriers(entry.carriers, profile),
    policies: suggestedPolicies(entry, tables, profile, kinships),
    platforms: suggestedPlatforms(entry, tables, kinships),
    reasons: reasons(scored, context),
  };
}
