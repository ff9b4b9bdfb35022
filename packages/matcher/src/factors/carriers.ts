import { CARRIER_TYPES, toSquareMetres, type Carrier, type CarrierType, type LeadUse } from '@leadmatch/domain';
import { CARRIER_TYPE_LABELS, STATUS_LABELS, TENURE_LABELS, USE_LABELS } from '../labels.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { counted, formatNumber, labelsEn, labelsZh, listEnOf, listZhOf, quoteZh, uniqueEvidence, type Explanation } from '../text.ts';
import type { SuggestedCarrier } from '../types.ts';
import {
  ABOUT_AREA_TOLERANCE,
  AREA_UNKNOWN_FACTOR,
  FITTING_CARRIER_FLOOR,
  STATUS_FACTORS,
  TENURE_UNKNOWN_FACTOR,
} from '../weights.ts';

/**
 * The uses each carrier type serves. Two more rules in `servedPositions`: land serves every use of a lead
 * that wants to build, and an incubator every use of an early-stage lead (see LeadProfile.earlyStage).
 */
const USES_SERVED: Readonly<Record<CarrierType, readonly LeadUse[]>> = {
  land: ['production'],
  'standard-factory': ['production'],
  'rnd-building': ['rnd', 'lab'],
  lab: ['lab', 'rnd'],
  'pilot-base': ['pilot'],
  office: ['office', 'headquarters'],
  warehouse: ['warehouse'],
  incubator: ['rnd', 'lab'],
};

type AreaVerdict = 'fits' | 'unknown' | 'short';
type TenureVerdict = 'fits' | 'unknown' | 'mismatch';

/** A park's carriers judged for one lead: what they come to for its suggestion and its reason. */
export interface CarrierFindings {
  /** Every carrier with its verdicts, in the order given (id order in a ParkEntry). */
  all: CarrierCheck[];
  /** The carriers that fit, best first (ties in id order: sort is stable). */
  fitting: CarrierCheck[];
}

export interface CarrierCheck {
  carrier: Carrier;
  serves: LeadUse[];
  area: AreaVerdict;
  tenure: TenureVerdict;
  /** 0 when the carrier does not fit; else 1 when area, tenure and availability are all known to suit, less otherwise. */
  quality: number;
}

function areaInSquareMetres(area: Carrier['area']): number | null {
  return area === null ? null : toSquareMetres(area.value, area.unit);
}

/** 'over X' below the need and 'under X' above it say nothing; 'about X' is allowed a little slack. */
export function areaVerdict(area: Carrier['area'], needM2: number | null): AreaVerdict {
  if (needM2 === null) return 'fits';
  const m2 = areaInSquareMetres(area);
  if (area === null || m2 === null) return 'unknown';
  if (m2 >= needM2) return area.qualifier === 'under' ? 'unknown' : 'fits';
  if (area.qualifier === 'over') return 'unknown';
  if (area.qualifier === 'about' && m2 >= needM2 * ABOUT_AREA_TOLERANCE) return 'fits';
  return 'short';
}

/** Positions in `lead.uses` that a carrier type serves, for this lead. */
function servedPositions(type: CarrierType, profile: LeadProfile): number[] {
  const { uses, buildingTenure } = profile.lead;
  const all = (type === 'land' && buildingTenure === 'build') || (type === 'incubator' && profile.earlyStage);
  const positions: number[] = [];
  uses.forEach((use, i) => {
    if (all || USES_SERVED[type].includes(use)) positions.push(i);
  });
  return positions;
}

/** A carrier type serves at least one of the lead's uses. */
export function servesTheLead(type: CarrierType, profile: LeadProfile): boolean {
  return servedPositions(type, profile).length > 0;
}

/** Which carriers of a type a lead's tenure admits: all of them, or those that can be rented, or sold. */
export type TenureClass = 'any' | 'rentable' | 'sellable';

/**
 * Rent ↔ rent, buy ↔ sale, build ↔ land; land also suits any lead that states a land need. Null when
 * no carrier of the type suits the lead's tenure.
 */
export function admittedTenure(type: CarrierType, profile: LeadProfile): TenureClass | null {
  const { landM2, buildingTenure: wanted } = profile.lead;
  if (type === 'land') return landM2 !== null || wanted === null || wanted === 'any' || wanted === 'build' ? 'any' : null;
  if (wanted === null || wanted === 'any') return 'any';
  if (wanted === 'build') return null;
  return wanted === 'rent' ? 'rentable' : 'sellable';
}

/** A carrier of unknown tenure may be rentable or sellable: unknown, not a mismatch. */
export function inTenureClass(carrier: Carrier, tenure: TenureClass): boolean {
  if (tenure === 'any' || carrier.tenure === null) return true;
  return carrier.tenure.includes(tenure === 'rentable' ? 'rent' : 'sale');
}

function tenureVerdict(carrier: Carrier, profile: LeadProfile): TenureVerdict {
  const admitted = admittedTenure(carrier.type, profile);
  if (admitted === null || !inTenureClass(carrier, admitted)) return 'mismatch';
  return admitted === 'any' || carrier.tenure !== null ? 'fits' : 'unknown';
}

/** 0 when the carrier does not fit; else 1 when area, tenure and availability are all known to suit, less otherwise. */
function quality(carrier: Carrier, area: AreaVerdict, tenure: TenureVerdict): number {
  if (area === 'short' || tenure === 'mismatch') return 0;
  return (area === 'unknown' ? AREA_UNKNOWN_FACTOR : 1) * (tenure === 'unknown' ? TENURE_UNKNOWN_FACTOR : 1) * STATUS_FACTORS[carrier.status];
}

/** The need a carrier's area is held against: land against the land need, the rest against the floor space. */
export function areaNeed(type: CarrierType, profile: LeadProfile): number | null {
  return type === 'land' ? profile.lead.landM2 : profile.lead.buildingM2;
}

export interface CarrierAssessor {
  /** None known (or no use named): null. Known but none fits: 0. Otherwise see `scoreOfBest`. */
  score: (carriers: readonly Carrier[]) => number | null;
  findings: (carriers: readonly Carrier[]) => CarrierFindings;
}

/** FITTING_CARRIER_FLOOR plus the rest of the range times the mean, over the lead's uses, of the best quality serving each; 0 when none is served. */
function scoreOfBest(best: Float64Array): number {
  let coverage = 0;
  for (const fit of best) coverage += fit / best.length;
  return coverage === 0 ? 0 : FITTING_CARRIER_FLOOR + (1 - FITTING_CARRIER_FLOOR) * coverage;
}

/** The score of perfect carriers for every use, as computed (not merely 1): no carriers score of the lead exceeds it. */
export function perfectCarriersScore(profile: LeadProfile): number {
  return scoreOfBest(new Float64Array(profile.lead.uses.length).fill(1));
}

/** Which of the lead's uses each carrier type serves is worked out once per lead. */
export function carrierAssessor(profile: LeadProfile): CarrierAssessor {
  const { uses } = profile.lead;
  const served = Object.fromEntries(CARRIER_TYPES.map((type) => [type, servedPositions(type, profile)])) as Record<CarrierType, number[]>;
  const servedUses = Object.fromEntries(CARRIER_TYPES.map((type) => [type, served[type].map((i) => uses[i]!)])) as Record<CarrierType, LeadUse[]>;
  const best = new Float64Array(uses.length);
  return {
    score: (carriers) => {
      if (carriers.length === 0 || uses.length === 0) return null;
      best.fill(0);
      for (const carrier of carriers) {
        const positions = served[carrier.type];
        if (positions.length === 0) continue;
        const fit = quality(carrier, areaVerdict(carrier.area, areaNeed(carrier.type, profile)), tenureVerdict(carrier, profile));
        for (const i of positions) if (fit > best[i]!) best[i] = fit;
      }
      return scoreOfBest(best);
    },
    findings: (carriers) => {
      const all = carriers.map((carrier) => {
        const serves = servedUses[carrier.type];
        const area = areaVerdict(carrier.area, areaNeed(carrier.type, profile));
        const tenure = tenureVerdict(carrier, profile);
        return { carrier, serves, area, tenure, quality: serves.length === 0 ? 0 : quality(carrier, area, tenure) };
      });
      return { all, fitting: all.filter((c) => c.quality > 0).sort((a, b) => b.quality - a.quality) };
    },
  };
}

export function suggestedCarriers({ fitting }: CarrierFindings): SuggestedCarrier[] {
  return fitting.map(({ carrier }) => ({
    id: carrier.id,
    type: carrier.type,
    label: carrier.label,
    areaM2: areaInSquareMetres(carrier.area),
    tenure: carrier.tenure,
    status: carrier.status,
  }));
}

/** What a carrier's area was held against: land against the land need, buildings against the floor space need. */
function comparedWith(carrier: Carrier, profile: LeadProfile): { zh: string; en: string } {
  const need = areaNeed(carrier.type, profile);
  if (carrier.type === 'land') {
    return need === null
      ? { zh: '企业未给出用地面积', en: 'the lead gives no land area' }
      : { zh: `对照用地需求 ${formatNumber(need)} m²`, en: `against the land need of ${formatNumber(need)} m²` };
  }
  return need === null
    ? { zh: '企业未给出建筑面积', en: 'the lead gives no floor space' }
    : { zh: `对照建筑面积需求 ${formatNumber(need)} m²`, en: `against the floor space need of ${formatNumber(need)} m²` };
}

function describe({ carrier }: CarrierCheck, profile: LeadProfile): { zh: string; en: string } {
  const areaM2 = areaInSquareMetres(carrier.area);
  const type = CARRIER_TYPE_LABELS[carrier.type];
  const area = areaM2 === null ? { zh: '面积未知', en: 'area unknown' } : { zh: `${formatNumber(areaM2)} m²`, en: `${formatNumber(areaM2)} m²` };
  const tenure =
    carrier.tenure === null
      ? { zh: '租售方式未知', en: 'tenure unknown' }
      : { zh: carrier.tenure.map((t) => TENURE_LABELS[t].zh).join('/'), en: carrier.tenure.map((t) => TENURE_LABELS[t].en).join('/') };
  const status = STATUS_LABELS[carrier.status];
  const against = comparedWith(carrier, profile);
  return {
    zh: `${type.zh}${quoteZh(carrier.label)}（${area.zh}，${against.zh}，${tenure.zh}，${status.zh}）`,
    en: `${type.en} "${carrier.label}" (${area.en}, ${against.en}, ${tenure.en}, ${status.en})`,
  };
}

function needText(profile: LeadProfile): { zh: string; en: string } {
  const { landM2, buildingM2 } = profile.lead;
  const zh = [landM2 !== null ? `用地 ${formatNumber(landM2)} m²` : '', buildingM2 !== null ? `建筑 ${formatNumber(buildingM2)} m²` : ''].filter(Boolean);
  const en = [landM2 !== null ? `land ${formatNumber(landM2)} m²` : '', buildingM2 !== null ? `floor space ${formatNumber(buildingM2)} m²` : ''].filter(Boolean);
  return { zh: zh.length > 0 ? `，需${zh.join('、')}` : '', en: en.length > 0 ? `, needing ${en.join(' and ')}` : '' };
}

export function explainCarriers(score: number | null, { all, fitting: fits }: CarrierFindings, profile: LeadProfile): Explanation {
  const uses = profile.lead.uses.map((use) => USE_LABELS[use]);
  const need = needText(profile);
  if (profile.lead.uses.length === 0) {
    return { zh: '企业未说明用途，无法判断载体是否合适。', en: 'The lead named no use, so carrier fit cannot be judged.', matchedTerms: [], evidence: [] };
  }
  if (score === null) {
    return {
      zh: '目录中没有该园区的载体信息，载体匹配未知（不计入评分，按中性处理，不等于不合适）。',
      en: 'The catalog lists no carriers for this park, so carrier fit is unknown (left out of the score as neutral, not counted as a failure).',
      matchedTerms: [],
      evidence: [],
    };
  }
  if (fits.length === 0) {
    const count = (test: (c: CarrierCheck) => boolean) => all.filter(test).length;
    const wrongType = count((c) => c.serves.length === 0);
    const short = count((c) => c.serves.length > 0 && c.area === 'short');
    const tenure = count((c) => c.serves.length > 0 && c.area !== 'short' && c.tenure === 'mismatch');
    return {
      zh: `目录列出该园区 ${all.length} 处载体，但没有一处适合企业的用途（${labelsZh(uses)}${need.zh}）：${wrongType} 处类型不符、${short} 处面积不足、${tenure} 处租售方式不符。`,
      en: `The catalog lists ${counted(all.length, 'carrier')} for this park, but none suits the lead's uses (${labelsEn(uses)}${need.en}): ${wrongType} of the wrong type, ${short} too small, ${tenure} with the wrong tenure.`,
      matchedTerms: [],
      evidence: uniqueEvidence(all.map((c) => c.carrier.evidence)),
    };
  }
  const coveredUses = profile.lead.uses.filter((use) => fits.some((c) => c.serves.includes(use)));
  const uncovered = profile.lead.uses.filter((use) => !coveredUses.includes(use)).map((use) => USE_LABELS[use]);
  const covered = coveredUses.map((use) => USE_LABELS[use]);
  return {
    zh: `${fits.length} 处载体适合企业的${labelsZh(covered)}用途：${listZhOf(fits, (c) => describe(c, profile).zh)}${uncovered.length > 0 ? `；${labelsZh(uncovered)}用途没有合适载体` : ''}。`,
    en: `${counted(fits.length, 'carrier')} ${fits.length === 1 ? 'suits' : 'suit'} the lead's ${labelsEn(covered)} use: ${listEnOf(fits, (c) => describe(c, profile).en)}${uncovered.length > 0 ? `; nothing suits its ${labelsEn(uncovered)} use` : ''}.`,
    matchedTerms: coveredUses,
    evidence: uniqueEvidence(fits.map((c) => c.carrier.evidence)),
  };
}
