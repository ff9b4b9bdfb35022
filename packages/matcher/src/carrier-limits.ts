import { CARRIER_TYPES, type Carrier, type CarrierType } from '@leadmatch/domain';
import { areaLimit } from './area-limit.ts';
import { admittedTenure, areaNeed, inTenureClass, servesTheLead, type TenureClass } from './factors/carriers.ts';
import type { LeadProfile } from './lead-profile.ts';

const TENURE_CLASSES: readonly TenureClass[] = ['any', 'rentable', 'sellable'];

const slot = (type: CarrierType, tenure: TenureClass) => CARRIER_TYPES.indexOf(type) * TENURE_CLASSES.length + TENURE_CLASSES.indexOf(tenure);

const LAND = slot('land', 'any');

/**
 * One park's carriers summed up once for every lead: per carrier type and tenure class, the largest
 * area limit (see areaLimit) among its carriers, -Infinity when it has none. Whether some carrier fits
 * a lead, and whether the land constraint rules the park out, then cost a few comparisons instead of a
 * pass over the carriers.
 */
export type CarrierLimits = Float64Array;

export function carrierLimits(carriers: readonly Carrier[]): CarrierLimits {
  const limits = new Float64Array(CARRIER_TYPES.length * TENURE_CLASSES.length).fill(-Infinity);
  for (const carrier of carriers) {
    const limit = areaLimit(carrier.area);
    for (const tenure of TENURE_CLASSES) {
      const at = slot(carrier.type, tenure);
      if (inTenureClass(carrier, tenure) && limit > limits[at]!) limits[at] = limit;
    }
  }
  return limits;
}

/** The land hard constraint: the park has land carriers and the lead needs more than each of them. */
export function landTooSmall(limits: CarrierLimits, landM2: number): boolean {
  const land = limits[LAND]!;
  return land !== -Infinity && landM2 > land;
}

/** A carrier type that serves one of the lead's uses, the tenure class the lead admits, and the need its area must meet. */
export interface CarrierDemand {
  slot: number;
  need: number | null;
}

export function carrierDemand(profile: LeadProfile): CarrierDemand[] {
  return CARRIER_TYPES.flatMap((type) => {
    const tenure = admittedTenure(type, profile);
    if (tenure === null || !servesTheLead(type, profile)) return [];
    return [{ slot: slot(type, tenure), need: areaNeed(type, profile.lead) }];
  });
}

/** Some carrier serves a use of the lead, is not short of its need and suits its tenure: the carriers score is then at least the floor. */
export function someCarrierFits(limits: CarrierLimits, demand: readonly CarrierDemand[]): boolean {
  for (const { slot: at, need } of demand) {
    const limit = limits[at]!;
    if (limit !== -Infinity && (need === null || need <= limit)) return true;
  }
  return false;
}
