import type { Carrier, Region } from '@leadmatch/domain';
import { divisionAt, resolvePlace } from '@leadmatch/regions';
import { factorScores, matchContext, type MatchContext, type ParkFactors, type ScoredPark } from '../../src/assess-park.ts';
import type { ParkEntry } from '../../src/catalog-tables.ts';
import { catalogLookup } from '../../src/catalog-lookup.ts';
import { areaVerdict } from '../../src/factors/carriers.ts';
import { assessIndustry } from '../../src/factors/industry.ts';
import { assessIntensity } from '../../src/factors/intensity.ts';
import { assessmentOf, bestReading, type PreferredPlace, type RegionAssessment, type RegionPreferences } from '../../src/factors/region.ts';
import { judgeFit, worthSuggesting } from '../../src/fit.ts';
import type { MatchCatalog, MatchLead, MatchOptions, MatchResult } from '../../src/index.ts';
import { profileLead, type LeadProfile } from '../../src/lead-profile.ts';
import { rankingFacts } from '../../src/match.ts';
import { renderMatch } from '../../src/render-match.ts';
import { combinedScore } from '../../src/score.ts';

/**
 * The matcher as it was before the park index: every park of the catalog is assessed in full, the
 * hard constraints are checked carrier by carrier and region by region, every preference is tried
 * against every park region, and the ranking is a full sort. It shares the factor functions and the
 * explanations with `matchLead`, so comparing the two proves what the index, the carrier limits, the
 * region index and the staged estimates change: nothing.
 */
export function matchLeadExhaustively(lead: MatchLead, catalog: MatchCatalog, options: MatchOptions): MatchResult {
  const profile = profileLead(lead, catalog.taxonomy, options.now);
  const indexed = matchContext(profile, catalog);
  const places = profile.preferences.map((text) => ({ text, divisions: resolvePlace(text) }));
  const known = (place: PreferredPlace) => indexed.tables.regions.some((region) => assessRegion([place], region).score !== 0);
  const regions: RegionPreferences = { recognised: places.filter(known), ignored: places.filter((place) => !known(place)).map((place) => place.text) };
  const context: MatchContext = { ...indexed, regions };
  const excludedBy = { region: 0, land: 0 };
  const scored: ScoredPark[] = [];
  for (const entry of context.tables.entries) {
    const region: RegionAssessment =
      regions.recognised.length === 0 ? { score: null, matched: [], places: [], level: null } : assessRegion(regions.recognised, entry.park.region);
    if (region.score === 0) excludedBy.region++;
    else if (landTooSmall(entry.carriers, lead.landM2)) excludedBy.land++;
    else {
      const park = assessFully(entry, region, context);
      if (park) scored.push(park);
    }
  }
  const tier = { strong: 2, partial: 1, weak: 0 } as const;
  scored.sort((a, b) => tier[b.fit] - tier[a.fit] || b.score - a.score || (a.entry.park.id < b.entry.park.id ? -1 : 1));
  const facts = rankingFacts(context, {
    top: scored.slice(0, Math.max(0, options.topN ?? 5)),
    strongParks: scored.filter((park) => park.fit === 'strong').length,
    excluded: [
      { constraint: 'region', parks: excludedBy.region },
      { constraint: 'land', parks: excludedBy.land },
    ],
    focusInCatalog: focusAnywhere(profile, catalog),
  });
  return renderMatch(facts, catalogLookup(catalog));
}

/** Some park of the catalog has a focus related to one of the lead's codes, checked park by park. */
function focusAnywhere(profile: LeadProfile, catalog: MatchCatalog): boolean {
  const { taxonomy } = catalog;
  return [...catalog.index.parks.values()].some((park) =>
    park.industries.some((focus) => taxonomy.has(focus.code) && profile.codes.some((code) => taxonomy.relation(code.code, focus.code) !== null)),
  );
}

/** Every preference tried against the park's region, its division looked up afresh. */
function assessRegion(preferences: readonly PreferredPlace[], region: Region): RegionAssessment {
  const park = divisionAt([region.province, region.city, region.district]);
  if (park === null) return assessmentOf([]);
  return assessmentOf(
    preferences.flatMap((place) => {
      const reading = bestReading(place, park);
      return reading ? [{ text: place.text, place: reading }] : [];
    }),
  );
}

/** Every land carrier known to be smaller than the need (and at least one of them). */
function landTooSmall(carriers: readonly Carrier[], landM2: number | null): boolean {
  if (landM2 === null) return false;
  const land = carriers.filter((carrier) => carrier.type === 'land');
  return land.length > 0 && land.every((carrier) => areaVerdict(carrier.area, landM2) === 'short');
}

function assessFully(entry: ParkEntry, region: RegionAssessment, context: MatchContext): ScoredPark | null {
  const { profile } = context;
  const factors: ParkFactors = {
    industry: assessIndustry(entry, profile, context.kinships),
    carriers: context.carriers.score(entry.carriers),
    policies: context.policies.score(entry),
    intensity: assessIntensity(entry.park, profile),
    region,
    platforms: context.platforms.score(entry),
  };
  if (!worthSuggesting(factors)) return null;
  const { fit, blockers } = judgeFit(factors);
  return { entry, factors, score: combinedScore(factorScores(factors), factors.industry.related), fit, blockers };
}
