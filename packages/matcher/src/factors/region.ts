import type { RegionLevel } from '@leadmatch/catalog-core';
import type { CatalogTables } from '../catalog-tables.ts';
import { PROVINCE_ONLY_REGION_SCORE } from '../weights.ts';

export interface RegionPreferences {
  /** Preferences naming the region of at least one park in the catalog. */
  recognised: string[];
  /** Preferences naming none (a misspelling, an English city name, a place with no catalogued park): not applied. */
  ignored: string[];
}

/** `regionsNamed` as the catalog's park index has it: every text that names a park region. */
export function sortPreferences(preferences: readonly string[], regionsNamed: ReadonlyMap<string, unknown>): RegionPreferences {
  const known = (preference: string) => regionsNamed.has(preference);
  return { recognised: preferences.filter(known), ignored: preferences.filter((preference) => !known(preference)) };
}

export interface RegionAssessment {
  /** Null when the lead named no recognised region; 0 when the park is outside all of them. */
  score: number | null;
  /** The lead's preferences that name the park's region. */
  matched: string[];
  level: RegionLevel | null;
}

const NO_PREFERENCE: RegionAssessment = { score: null, matched: [], level: null };
const OUTSIDE: RegionAssessment = { score: 0, matched: [], level: null };

/** The park regions (by position in `CatalogTables.regions`) as one lead's recognised preferences judge them. */
export interface RegionJudgements {
  /** The regions some preference names, each judged once; null when the lead has no preference and every region is in. */
  named: readonly number[] | null;
  of: (region: number) => RegionAssessment;
}

/**
 * Only the regions the preferences name are judged, found through the index with how locally each
 * preference names each; every other one is outside. A city or district match scores 1, a
 * province-only match less; `matched` keeps the lead's order.
 */
export function judgeRegions(preferences: readonly string[], { index }: CatalogTables): RegionJudgements {
  if (preferences.length === 0) return { named: null, of: () => NO_PREFERENCE };
  const judged = new Map<number, RegionAssessment>();
  for (const preference of preferences) {
    for (const { region, level } of index.regionsNamed.get(preference) ?? []) {
      let found = judged.get(region);
      if (!found) judged.set(region, (found = { score: PROVINCE_ONLY_REGION_SCORE, matched: [], level: 'province' }));
      found.matched.push(preference);
      if (level === 'local') {
        found.score = 1;
        found.level = 'local';
      }
    }
  }
  return { named: [...judged.keys()], of: (region) => judged.get(region) ?? OUTSIDE };
}
