import type { ReasonsFacts, SuggestionFacts } from '../facts.ts';
import type { Reason, Suggestion } from '../types.ts';
import { carriersWords, suggestedCarrier } from './carriers.ts';
import { carrierOf, parkOf, platformOf, policyOf, type RenderContext, type Words } from './context.ts';
import { industryWords } from './industry.ts';
import { intensityWords } from './intensity.ts';
import { platformsWords, suggestedPlatform } from './platforms.ts';
import { policiesWords, suggestedPolicy } from './policies.ts';
import { regionWords } from './region.ts';

function reason({ factor, score, weight, matchedTerms }: ReasonsFacts[number], words: Words): Reason {
  return { factor, score, weight, zh: words.zh, en: words.en, matchedTerms: [...matchedTerms], evidence: words.evidence };
}

export function renderSuggestion(facts: SuggestionFacts, context: RenderContext): Suggestion {
  const { lookup } = context;
  const park = parkOf(lookup, facts.park);
  const parent = facts.parentPark === null ? null : parkOf(lookup, facts.parentPark);
  const carriers = facts.carriers.map((id) => carrierOf(lookup, id));
  const policies = facts.policies.map((id) => policyOf(lookup, id));
  const inPark = facts.platforms.inPark.map((id) => platformOf(lookup, id));
  const nearby = facts.platforms.nearby.map((id) => platformOf(lookup, id));
  const [industry, carriersReason, policiesReason, intensity, region, platforms] = facts.reasons;
  return {
    rank: facts.rank,
    park: { id: park.id, name: park.name, nameEn: park.nameEn, parentName: parent?.name ?? null },
    score: facts.score,
    fit: facts.fit,
    carriers: carriers.map(suggestedCarrier),
    policies: policies.map(suggestedPolicy),
    platforms: [...inPark.map((platform) => suggestedPlatform(platform, true)), ...nearby.map((platform) => suggestedPlatform(platform, false))],
    reasons: [
      reason(industry, industryWords(industry, park, context)),
      reason(carriersReason, carriersWords(carriersReason, carriers, context)),
      reason(policiesReason, policiesWords(policiesReason, policies, context)),
      reason(intensity, intensityWords(intensity, park, context)),
      reason(region, regionWords(region, park, context)),
      reason(platforms, platformsWords(platforms, inPark, nearby, context)),
    ],
  };
}
