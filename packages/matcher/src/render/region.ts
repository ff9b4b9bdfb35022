import type { Park } from '@leadmatch/domain';
import type { LeadFacts, RegionReason } from '../facts.ts';
import type { MatchedPlace, RegionMatch } from '../factors/region.ts';
import { listEn, listZh, quoteEn, quoteZh, regionName, uniqueEvidence } from '../text.ts';
import type { RenderContext, Words } from './context.ts';
import { cityCodeOf, divisionEn, divisionZh, placeEn, placeZh } from './divisions.ts';

function ignoredNote({ ignored }: LeadFacts['regions']): { zh: string; en: string } {
  if (ignored.length === 0) return { zh: '', en: '' };
  return {
    zh: `（企业填写的${listZh(ignored.map(quoteZh))}与目录中任何园区所在地都对不上，未作为筛选条件）`,
    en: ` (${listEn(ignored.map(quoteEn))} names no catalogued park's location and was not applied)`,
  };
}

const LEVEL_NOTES: Readonly<Record<RegionMatch, { zh: string; en: string }>> = {
  local: { zh: '', en: '' },
  city: { zh: '（同市相符）', en: ', in the same city only' },
  province: { zh: '（仅省级相符）', en: ', at province level only' },
};

/** “昆山”即昆山市（320583），属苏州市（320500）: what a preference was read as, and its city when that is what matched. */
function readingZh(term: string, { division, match }: MatchedPlace, brief: boolean): string {
  const city = match === 'city' ? `，属${divisionZh(cityCodeOf(division), brief)}` : '';
  return `${quoteZh(term)}即${divisionZh(division, brief)}${city}`;
}

function readingEn(term: string, { division, match }: MatchedPlace, brief: boolean): string {
  const city = match === 'city' ? `, part of ${divisionEn(cityCodeOf(division), brief)}` : '';
  return `${quoteEn(term)} is ${divisionEn(division, brief)}${city}`;
}

function matchedWords(reason: RegionReason, parkDivision: string, note: { zh: string; en: string }, brief: boolean) {
  const level = LEVEL_NOTES[reason.level!];
  const readings = reason.matchedTerms.map((term, i) => ({ term, place: reason.places[i]! }));
  return {
    zh: `意向地区${readings.map(({ term, place }) => readingZh(term, place, brief)).join('；')}；该园区位于${placeZh(parkDivision, brief)}${level.zh}${note.zh}。`,
    en: `The lead's preferred region ${readings.map(({ term, place }) => readingEn(term, place, brief)).join('; ')}; the park is in ${placeEn(parkDivision, brief)}${level.en}${note.en}.`,
  };
}

export function regionWords(reason: RegionReason, park: Park, { facts, brief }: RenderContext): Words {
  const { regions } = facts.lead;
  const place = regionName(park.region);
  const evidence = uniqueEvidence(park.sources);
  const note = ignoredNote(regions);
  if (reason.score === null) {
    return {
      zh: `企业未提出可识别的地区偏好${note.zh}，此项不计分；园区位于${place}。`,
      en: `The lead named no recognisable preferred region${note.en}, so this factor is left out; the park is in ${place}.`,
      evidence,
    };
  }
  if (reason.level === null || reason.parkDivision === null) {
    return {
      zh: `园区位于${place}，不在企业偏好的地区（${listZh(regions.recognised.map(quoteZh))}）内${note.zh}。`,
      en: `The park is in ${place}, outside the regions the lead prefers (${listEn(regions.recognised.map(quoteEn))})${note.en}.`,
      evidence,
    };
  }
  return { ...matchedWords(reason, reason.parkDivision, note, brief), evidence };
}
