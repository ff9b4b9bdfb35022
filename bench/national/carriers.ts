import { toSquareMetres, type Carrier, type CarrierStatus, type CarrierTenure, type CarrierType } from '@leadmatch/domain';
import { CARRIER_TYPE_LABELS } from './labels.ts';
import type { GeneratedParks } from './parks.ts';
import { numbered, SYNTHETIC_EVIDENCE } from './provenance.ts';
import { type Random, Weighted } from './random.ts';

/** How common each type is, and the range of its area: land in 亩, buildings in m². */
const TYPES: readonly (readonly [CarrierType, number, { min: number; max: number }])[] = [
  ['land', 18, { min: 20, max: 800 }],
  ['standard-factory', 22, { min: 1_000, max: 60_000 }],
  ['rnd-building', 14, { min: 2_000, max: 80_000 }],
  ['lab', 8, { min: 100, max: 5_000 }],
  ['pilot-base', 5, { min: 1_000, max: 30_000 }],
  ['office', 15, { min: 200, max: 50_000 }],
  ['incubator', 10, { min: 500, max: 20_000 }],
  ['warehouse', 8, { min: 2_000, max: 80_000 }],
];
const TYPE = new Weighted(TYPES.map(([type, weight]) => [type, weight] as const));
const AREA_RANGE = new Map(TYPES.map(([type, , range]) => [type, range]));

const QUALIFIER = new Weighted<NonNullable<Carrier['area']>['qualifier']>([
  ['exact', 60],
  ['about', 20],
  ['over', 12],
  ['under', 8],
]);
const STATUS = new Weighted<CarrierStatus>([
  ['operating', 40],
  ['available', 20],
  ['under-construction', 20],
  ['planned', 10],
  ['unknown', 10],
]);
const TENURE = new Weighted<CarrierTenure[] | null>([
  [null, 30],
  [['rent'], 35],
  [['sale'], 10],
  [['rent', 'sale'], 25],
]);

/** A tenth of the parks have no carrier catalogued (the matcher then says "unknown"). */
const PARKS_WITHOUT_CARRIERS = 0.1;

const copied = <T>(items: T[] | null) => (items === null ? null : [...items]);

function areaOf(random: Random, type: CarrierType): Carrier['area'] {
  if (random.chance(0.2)) return null;
  const { min, max } = AREA_RANGE.get(type)!;
  const drawn = random.logUniform(min, max);
  const qualifier = QUALIFIER.draw(random);
  if (type !== 'land') return { value: Math.max(10, Math.round(drawn / 10) * 10), unit: 'm2', qualifier };
  if (random.chance(0.1)) return { value: Math.round(toSquareMetres(drawn, 'mu')), unit: 'm2', qualifier };
  return { value: Math.round(drawn * 100) / 100, unit: 'mu', qualifier };
}

/** `count` carriers over the parks, zones holding more; land has no tenure, as in the seeds. */
export function generateCarriers(random: Random, count: number, parks: GeneratedParks): Carrier[] {
  const holders = new Weighted(parks.parks.map((park) => [park, random.chance(PARKS_WITHOUT_CARRIERS) ? 0 : parks.sizeOf(park)] as const));
  const width = Math.max(6, String(count).length);
  const carriers: Carrier[] = [];
  for (let n = 1; n <= count; n++) {
    const type = TYPE.draw(random);
    carriers.push({
      id: `syn-carrier-${numbered(n, width)}`,
      parkId: holders.draw(random).id,
      type,
      label: `合成载体-${numbered(n, width)}（${CARRIER_TYPE_LABELS[type]}）`,
      area: areaOf(random, type),
      tenure: type === 'land' ? null : copied(TENURE.draw(random)),
      status: STATUS.draw(random),
      evidence: SYNTHETIC_EVIDENCE,
    });
  }
  return carriers;
}
