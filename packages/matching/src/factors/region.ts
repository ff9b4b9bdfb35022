import type { Park, Region } from '@leadmatch/domain';
import type { ParkEntry } from '../catalog-tables.ts';
import { namesRegion, type RegionLevel } from '../region-names.ts';
import { listEn, listZh, quoteEn, quoteZh, regionName, uniqueEvidence, type Explanation } from '../text.ts';
import { PROVINCE_ONLY_REGION_SCORE } from '../weights.ts';

export interface RegionPreferences {
  /** Preferences naming the region of at least one park in the catalog. */
  recognised: string[];
  /** Preferences naming none (a misspelling, an English city name, a place with no catalogued park): not applied. */
  ignored: string[];
}

export function sortPreferences(preferences: readonly string[], regions: readonly Region[]): RegionPreferences {
  const known = (preference: string) => regions.some((region) => namesRegion(preference, region) !== null);
  return { recognised: preferences.filter(known), ignored: preferences.filter((preference) => !known(preference)) };
}

export interface RegionAssessment {
  /** Null when the lead named no recognised region; 0 when the park is outside all of them. */
  score: number | null;
  /** The lead's preferences that name the park's region. */
  matched: string[];
  level: RegionLevel | null;
}

function assess(preferences: readonly string[], region: Region): RegionAssessment {
  const levels = preferences.map((preference) => namesRegion(preference, region));
  const matched = preferences.filter((_, i) => levels[i] !== null);
  const level = levels.includes('local') ? 'local' : levels.includes('province') ? 'province' : null;
  const score = level === 'local' ? 1 : level === 'province' ? PROVINCE_ONLY_REGION_SCORE : 0;
  return { score, matched, level };
}

export type RegionJudge = (entry: ParkEntry) => RegionAssessment;

const NO_PREFERENCE: RegionAssessment = { score: null, matched: [], level: null };

/** Many parks share a region: each distinct one is judged once per lead. */
export function regionJudge(preferences: readonly string[]): RegionJudge {
  if (preferences.length === 0) return () => NO_PREFERENCE;
  const judged = new Map<string, RegionAssessment>();
  return ({ regionKey, park }) => {
    let found = judged.get(regionKey);
    if (!found) judged.set(regionKey, (found = assess(preferences, park.region)));
    return found;
  };
}

function ignoredNote({ ignored }: RegionPreferences): { zh: string; en: string } {
  if (ignored.length === 0) return { zh: '', en: '' };
  return {
    zh: `（企业填写的${listZh(ignored.map(quoteZh))}与目录中任何园区所在地都对不上，未作为筛选条件）`,
    en: ` (${listEn(ignored.map(quoteEn))} names no catalogued park's location and was not applied)`,
  };
}

export function explainRegion(assessment: RegionAssessment, preferences: RegionPreferences, park: Park): Explanation {
  const place = regionName(park.region);
  const evidence = uniqueEvidence(park.sources);
  const note = ignoredNote(preferences);
  if (assessment.score === null) {
    return {
      zh: `企业未提出可识别的地区偏好${note.zh}，此项不计分；园区位于${place}。`,
      en: `The lead named no recognisable preferred region${note.en}, so this factor is left out; the park is in ${place}.`,
      matchedTerms: [],
      evidence,
    };
  }
  if (assessment.level === null) {
    return {
      zh: `园区位于${place}，不在企业偏好的地区（${listZh(preferences.recognised.map(quoteZh))}）内${note.zh}。`,
      en: `The park is in ${place}, outside the regions the lead prefers (${listEn(preferences.recognised.map(quoteEn))})${note.en}.`,
      matchedTerms: [],
      evidence,
    };
  }
  const provinceOnly = assessment.level === 'province';
  return {
    zh: `园区位于${place}，符合企业偏好的${listZh(assessment.matched.map(quoteZh))}${provinceOnly ? '（仅省级相符）' : ''}${note.zh}。`,
    en: `The park is in ${place}, as the lead asked (${listEn(assessment.matched.map(quoteEn))})${provinceOnly ? ', at province level only' : ''}${note.en}.`,
    matchedTerms: assessment.matched,
    evidence,
  };
}
