import { CARRIER_TYPES, toSquareMetres, type Carrier, type CarrierType, type LeadUse } from '@leadmatch/domain';
import type { LeadProfile } from '../lead-profile.ts';
import type { CarriersReason, ReasonFindings } from '../facts.ts';
import type { MatchLead } from '../types.ts';
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

export function areaInSquareMetres(area: Carrier['area']): number | null {
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
export function areaNeed(type: CarrierType, needs: Pick<MatchLead, 'landM2' | 'buildingM2'>): number | null {
  return type === 'land' ? needs.landM2 : needs.buildingM2;
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
        const fit = quality(carrier, areaVerdict(carrier.area, areaNeed(carrier.type, profile.lead)), tenureVerdict(carrier, profile));
        for (const i of positions) if (fit > best[i]!) best[i] = fit;
      }
      return scoreOfBest(best);
    },
    findings: (carriers) => {
      const all = carriers.map((carrier) => {
        const serves = servedUses[carrier.type];
        const area = areaVerdict(carrier.area, areaNeed(carrier.type, profile.lead));
        const tenure = tenureVerdict(carrier, profile);
        return { carrier, serves, area, tenure, quality: serves.length === 0 ? 0 : quality(carrier, area, tenure) };
      });
      return { all, fitting: all.filter((c) => c.quality > 0).sort((a, b) => b.quality - a.quality) };
    },
  };
}

/** The lead's uses the fitting carriers cover; or, when carriers are known and none fits, all of them and why each does not. */
export function carriersFacts(score: number | null, { all, fitting }: CarrierFindings, profile: LeadProfile): ReasonFindings<CarriersReason> {
  if (score === null) return { matchedTerms: [], noneFits: null };
  if (fitting.length > 0) return { matchedTerms: profile.lead.uses.filter((use) => fitting.some((check) => check.serves.includes(use))), noneFits: null };
  const count = (test: (check: CarrierCheck) => boolean) => all.filter(test).length;
  return {
    matchedTerms: [],
    noneFits: {
      carriers: all.map((check) => check.carrier.id),
      wrongType: count((c) => c.serves.length === 0),
      short: count((c) => c.serves.length > 0 && c.area === 'short'),
      wrongTenure: count((c) => c.serves.length > 0 && c.area !== 'short' && c.tenure === 'mismatch'),
    },
  };
}
