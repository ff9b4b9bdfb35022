import type { Park } from '@leadmatch/domain';
import type { LeadFacts, RegionReason } from '../facts.ts';
import { listEn, listZh, quoteEn, quoteZh, regionName, uniqueEvidence } from '../text.ts';
import type { RenderContext, Words } from './context.ts';

function ignoredNote({ ignored }: LeadFacts['regions']): { zh: string; en: string } {
  if (ignored.length === 0) return { zh: '', en: '' };
  return {
    zh: `（企业填写的${listZh(ignored.map(quoteZh))}与目录中任何园区所在地都对不上，未作为筛选条件）`,
    en: ` (${listEn(ignored.map(quoteEn))} names no catalogued park's location and was not applied)`,
  };
}

export function regionWords(reason: RegionReason, park: Park, { facts }: RenderContext): Words {
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
  if (reason.level === null) {
    return {
      zh: `园区位于${place}，不在企业偏好的地区（${listZh(regions.recognised.map(quoteZh))}）内${note.zh}。`,
      en: `The park is in ${place}, outside the regions the lead prefers (${listEn(regions.recognised.map(quoteEn))})${note.en}.`,
      evidence,
    };
  }
  const provinceOnly = reason.level === 'province';
  return {
    zh: `园区位于${place}，符合企业偏好的${listZh(reason.matchedTerms.map(quoteZh))}${provinceOnly ? '（仅省级相符）' : ''}${note.zh}。`,
    en: `The park is in ${place}, as the lead asked (${listEn(reason.matchedTerms.map(quoteEn))})${provinceOnly ? ', at province level only' : ''}${note.en}.`,
    evidence,
  };
}
