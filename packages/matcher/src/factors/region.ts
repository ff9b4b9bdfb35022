import { resolvePlace, within, type Division } from '@leadmatch/regions';
import type { CatalogTables } from '../catalog-tables.ts';
import type { ParkIndex } from '../park-index.ts';
import { CITY_ONLY_REGION_SCORE, PROVINCE_ONLY_REGION_SCORE } from '../weights.ts';

/**
 * How a preferred division takes in a park's: the park lies in it (`local`, or `province` for a
 * province other than a municipality), or elsewhere in the city of a preferred county or district
 * (`city`: a 苏州市 park for 昆山).
 */
export type RegionMatch = 'local' | 'city' | 'province';

const SCORES: Readonly<Record<RegionMatch, number>> = { local: 1, city: CITY_ONLY_REGION_SCORE, province: PROVINCE_ONLY_REGION_SCORE };

function placeMatch(preferred: Division, park: Division): RegionMatch | null {
  if (within(park, preferred)) return preferred.level === 'province' && !preferred.municipality ? 'province' : 'local';
  if (preferred.level === 'county' && preferred.city !== null && park.city === preferred.city) return 'city';
  return null;
}

/** A preference and the GB/T 2260 divisions it may name (every candidate of an ambiguous name). */
export interface PreferredPlace {
  text: string;
  divisions: readonly Division[];
}

export interface RegionPreferences {
  /** Preferences naming a division some park of the catalog lies in or near enough (see `placeMatch`). */
  recognised: PreferredPlace[];
  /** Preferences naming none (a misspelling, a place with no catalogued park nearby): not applied. */
  ignored: string[];
}

/** The park regions (by position in `CatalogTables.regions`) that may match a preferred division. */
function regionsNear(preferred: Division, { regionsWithin }: ParkIndex): readonly number[] {
  const inside = regionsWithin.get(preferred.code) ?? [];
  const city = preferred.level === 'county' && preferred.city !== null ? regionsWithin.get(preferred.city) : undefined;
  return city ? [...inside, ...city] : inside;
}

export function sortPreferences(preferences: readonly string[], { index }: CatalogTables): RegionPreferences {
  const sorted: RegionPreferences = { recognised: [], ignored: [] };
  for (const text of preferences) {
    const divisions = resolvePlace(text);
    if (divisions.some((division) => regionsNear(division, index).length > 0)) sorted.recognised.push({ text, divisions });
    else sorted.ignored.push(text);
  }
  return sorted;
}

/** A preference that takes the park in: the division it was read as (GB/T 2260 code), and how. */
export interface MatchedPlace {
  division: string;
  match: RegionMatch;
}

export interface RegionAssessment {
  /** Null when the lead named no recognised region; 0 when the park is outside all of them. */
  score: number | null;
  /** The lead's preferences that take the park in, in the lead's order. */
  matched: string[];
  /** For each of `matched`, its best reading for the park. */
  places: MatchedPlace[];
  /** The best of `places`. */
  level: RegionMatch | null;
}

const NO_PREFERENCE: RegionAssessment = { score: null, matched: [], places: [], level: null };
const OUTSIDE: RegionAssessment = { score: 0, matched: [], places: [], level: null };

const RANK: Readonly<Record<RegionMatch, number>> = { local: 3, city: 2, province: 1 };

/** The best reading of one preference for a park's division: the closest match, then the lowest code. */
export function bestReading(place: PreferredPlace, park: Division): MatchedPlace | null {
  let best: MatchedPlace | null = null;
  for (const division of place.divisions) {
    const match = placeMatch(division, park);
    if (match !== null && (best === null || RANK[match] > RANK[best.match])) best = { division: division.code, match };
  }
  return best;
}

/** The assessment of a park region from the best reading of each preference that takes it in. */
export function assessmentOf(matched: readonly { text: string; place: MatchedPlace }[]): RegionAssessment {
  if (matched.length === 0) return OUTSIDE;
  const level = matched.map(({ place }) => place.match).reduce((best, match) => (RANK[match] > RANK[best] ? match : best));
  return { score: SCORES[level], matched: matched.map(({ text }) => text), places: matched.map(({ place }) => place), level };
}

/** The park regions (by position in `CatalogTables.regions`) as one lead's recognised preferences judge them. */
export interface RegionJudgements {
  /** The regions some preference takes in, each judged once, in catalog order; null when the lead has no preference and every region is in. */
  named: readonly number[] | null;
  of: (region: number) => RegionAssessment;
}

/** Only the regions near the preferred divisions are judged, found through the index; every other one is outside. */
export function judgeRegions(preferences: readonly PreferredPlace[], { index }: CatalogTables): RegionJudgements {
  if (preferences.length === 0) return { named: null, of: () => NO_PREFERENCE };
  const near = new Set(preferences.flatMap((place) => place.divisions.flatMap((division) => regionsNear(division, index))));
  const judged = new Map<number, RegionAssessment>();
  for (const region of [...near].sort((a, b) => a - b)) {
    const park = index.regionDivisions[region]!;
    const matched = preferences.flatMap((place) => {
      const reading = bestReading(place, park);
      return reading ? [{ text: place.text, place: reading }] : [];
    });
    judged.set(region, assessmentOf(matched));
  }
  return { named: [...judged.keys()], of: (region) => judged.get(region) ?? OUTSIDE };
}
