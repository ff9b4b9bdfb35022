import type { Carrier } from '@leadmatch/domain';
import type { CarriersReason, LeadFacts } from '../facts.ts';
import { areaInSquareMetres, areaNeed } from '../factors/carriers.ts';
import { CARRIER_TYPE_LABELS, STATUS_LABELS, TENURE_LABELS, USE_LABELS } from '../labels.ts';
import { counted, formatNumber, labelsEn, labelsZh, quoteZh, uniqueEvidence } from '../text.ts';
import type { SuggestedCarrier } from '../types.ts';
import { carrierOf, itemsEn, itemsZh, type RenderContext, type Words } from './context.ts';

export function suggestedCarrier(carrier: Carrier): SuggestedCarrier {
  return {
    id: carrier.id,
    type: carrier.type,
    label: carrier.label,
    areaM2: areaInSquareMetres(carrier.area),
    tenure: carrier.tenure,
    status: carrier.status,
  };
}

/** What a carrier's area was held against: land against the land need, buildings against the floor space need. */
function comparedWith(carrier: Carrier, lead: LeadFacts): { zh: string; en: string } {
  const need = areaNeed(carrier.type, lead);
  if (carrier.type === 'land') {
    return need === null
      ? { zh: '企业未给出用地面积', en: 'the lead gives no land area' }
      : { zh: `对照用地需求 ${formatNumber(need)} m²`, en: `against the land need of ${formatNumber(need)} m²` };
  }
  return need === null
    ? { zh: '企业未给出建筑面积', en: 'the lead gives no floor space' }
    : { zh: `对照建筑面积需求 ${formatNumber(need)} m²`, en: `against the floor space need of ${formatNumber(need)} m²` };
}

function describe(carrier: Carrier, lead: LeadFacts): { zh: string; en: string } {
  const areaM2 = areaInSquareMetres(carrier.area);
  const type = CARRIER_TYPE_LABELS[carrier.type];
  const area = areaM2 === null ? { zh: '面积未知', en: 'area unknown' } : { zh: `${formatNumber(areaM2)} m²`, en: `${formatNumber(areaM2)} m²` };
  const tenure =
    carrier.tenure === null
      ? { zh: '租售方式未知', en: 'tenure unknown' }
      : { zh: carrier.tenure.map((t) => TENURE_LABELS[t].zh).join('/'), en: carrier.tenure.map((t) => TENURE_LABELS[t].en).join('/') };
  const status = STATUS_LABELS[carrier.status];
  const against = comparedWith(carrier, lead);
  return {
    zh: `${type.zh}${quoteZh(carrier.label)}（${area.zh}，${against.zh}，${tenure.zh}，${status.zh}）`,
    en: `${type.en} "${carrier.label}" (${area.en}, ${against.en}, ${tenure.en}, ${status.en})`,
  };
}

function needText({ landM2, buildingM2 }: LeadFacts): { zh: string; en: string } {
  const zh = [landM2 !== null ? `用地 ${formatNumber(landM2)} m²` : '', buildingM2 !== null ? `建筑 ${formatNumber(buildingM2)} m²` : ''].filter(Boolean);
  const en = [landM2 !== null ? `land ${formatNumber(landM2)} m²` : '', buildingM2 !== null ? `floor space ${formatNumber(buildingM2)} m²` : ''].filter(Boolean);
  return { zh: zh.length > 0 ? `，需${zh.join('、')}` : '', en: en.length > 0 ? `, needing ${en.join(' and ')}` : '' };
}

/** `fits`: the suggestion's carriers, best first. */
export function carriersWords(reason: CarriersReason, fits: readonly Carrier[], context: RenderContext): Words {
  const { facts, lookup } = context;
  const { lead } = facts;
  if (lead.uses.length === 0) {
    return { zh: '企业未说明用途，无法判断载体是否合适。', en: 'The lead named no use, so carrier fit cannot be judged.', evidence: [] };
  }
  if (reason.score === null) {
    return {
      zh: '目录中没有该园区的载体信息，载体匹配未知（不计入评分，按中性处理，不等于不合适）。',
      en: 'The catalog lists no carriers for this park, so carrier fit is unknown (left out of the score as neutral, not counted as a failure).',
      evidence: [],
    };
  }
  const uses = lead.uses.map((use) => USE_LABELS[use]);
  if (reason.noneFits) {
    const { carriers, wrongType, short, wrongTenure } = reason.noneFits;
    const need = needText(lead);
    return {
      zh: `目录列出该园区 ${carriers.length} 处载体，但没有一处适合企业的用途（${labelsZh(uses)}${need.zh}）：${wrongType} 处类型不符、${short} 处面积不足、${wrongTenure} 处租售方式不符。`,
      en: `The catalog lists ${counted(carriers.length, 'carrier')} for this park, but none suits the lead's uses (${labelsEn(uses)}${need.en}): ${wrongType} of the wrong type, ${short} too small, ${wrongTenure} with the wrong tenure.`,
      evidence: uniqueEvidence(carriers.map((id) => carrierOf(lookup, id).evidence)),
    };
  }
  const covered = lead.uses.filter((use) => reason.matchedTerms.includes(use)).map((use) => USE_LABELS[use]);
  const uncovered = lead.uses.filter((use) => !reason.matchedTerms.includes(use)).map((use) => USE_LABELS[use]);
  return {
    zh: `${fits.length} 处载体适合企业的${labelsZh(covered)}用途${itemsZh(context, fits, (c) => describe(c, lead).zh)}${uncovered.length > 0 ? `；${labelsZh(uncovered)}用途没有合适载体` : ''}。`,
    en: `${counted(fits.length, 'carrier')} ${fits.length === 1 ? 'suits' : 'suit'} the lead's ${labelsEn(covered)} use${itemsEn(context, fits, (c) => describe(c, lead).en)}${uncovered.length > 0 ? `; nothing suits its ${labelsEn(uncovered)} use` : ''}.`,
    evidence: uniqueEvidence(fits.map((c) => c.evidence)),
  };
}
