import type { Park, ParkKind, Region } from '@leadmatch/domain';
import type { IndustryMix } from './industry-mix.ts';
import { numbered, SYNTHETIC_EVIDENCE } from './provenance.ts';
import { type Random, Weighted, zipf } from './random.ts';
import { PROVINCES, type Province } from './regions.ts';

/** Kinds a zone can have; other parks (and sub-parks) sit inside zones. */
const ZONE_KINDS: readonly ParkKind[] = ['development-zone', 'high-tech-zone', 'new-area'];

const TOP_LEVEL_KINDS = new Weighted<ParkKind>([
  ['development-zone', 20],
  ['high-tech-zone', 15],
  ['new-area', 3],
  ['industrial-park', 30],
  ['innovation-centre', 10],
  ['startup-park', 10],
  ['business-district', 7],
  ['co-built-park', 5],
]);

const SUB_PARK_KINDS = new Weighted<ParkKind>([
  ['sub-park', 70],
  ['innovation-centre', 10],
  ['startup-park', 10],
  ['business-district', 5],
  ['co-built-park', 5],
]);

/** The share of parks placed inside a zone of their city, when that city already has one. */
const SUB_PARK_SHARE = 0.22;

export interface GeneratedParks {
  parks: Park[];
  /** 3 for a zone, 1 for any other park: zones get more carriers, policies, platforms and facts. */
  sizeOf: (park: Park) => number;
  /** Draws parks in proportion to `sizeOf`. */
  bySize: Weighted<Park>;
  /** By `province\0city`, for policies that name several parks of one city. */
  byCity: ReadonlyMap<string, Park[]>;
}

export const cityKey = ({ province, city }: Region) => `${province}\u0000${city ?? ''}`;

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const items = map.get(key);
  if (items) items.push(item);
  else map.set(key, [item]);
}

function drawRegion(random: Random, provinces: Weighted<Province>, cities: Map<Province, Weighted<Province['cities'][number]>>): Region {
  const province = provinces.draw(random);
  const city = cities.get(province)!.draw(random);
  const district = city.districts.length > 0 && random.chance(0.45) ? random.pick(city.districts) : null;
  return { province: province.name, city: city.name, district };
}

function focusOf(random: Random, mix: IndustryMix, parent: Park | undefined): Park['industries'] {
  if (random.chance(0.05)) return [];
  if (parent && parent.industries.length > 0) {
    const codes = new Set([random.pick(parent.industries).code]);
    if (random.chance(0.4)) codes.add(mix.codes.draw(random));
    return [...codes].map((code) => ({ code, focus: 'lead', evidence: SYNTHETIC_EVIDENCE }));
  }
  const lead = mix.codes.drawDistinct(random, random.int(1, 3));
  const secondary = mix.codes.drawDistinct(random, random.int(0, 4)).filter((code) => !lead.includes(code));
  return [
    ...lead.map((code) => ({ code, focus: 'lead' as const, evidence: SYNTHETIC_EVIDENCE })),
    ...secondary.map((code) => ({ code, focus: 'secondary' as const, evidence: SYNTHETIC_EVIDENCE })),
  ];
}

function thresholdsOf(random: Random): Park['thresholds'] {
  const minTaxPerMuWan = random.chance(0.12) ? 5 * random.int(2, 16) : null;
  const minInvestmentPerMuWan = random.chance(0.08) ? 50 * random.int(3, 16) : null;
  const known = minTaxPerMuWan !== null || minInvestmentPerMuWan !== null;
  return { minTaxPerMuWan, minInvestmentPerMuWan, evidence: known ? SYNTHETIC_EVIDENCE : null };
}

/**
 * Parks spread over the provinces by weight and over each province's cities Zipf-like; about one in
 * five sits inside a zone of its city (now and then inside another sub-park), sharing its region.
 */
export function generateParks(random: Random, count: number, mix: IndustryMix): GeneratedParks {
  const width = Math.max(4, String(count).length);
  const provinces = new Weighted(PROVINCES.map((province) => [province, province.weight] as const));
  const cities = new Map(PROVINCES.map((province) => [province, zipf(province.cities)]));
  const zonesByCity = new Map<string, Park[]>();
  const childrenOf = new Map<string, Park[]>();
  const byCity = new Map<string, Park[]>();
  const parks: Park[] = [];
  for (let n = 1; n <= count; n++) {
    const region = drawRegion(random, provinces, cities);
    const zones = zonesByCity.get(cityKey(region)) ?? [];
    let parent = zones.length > 0 && random.chance(SUB_PARK_SHARE) ? random.pick(zones) : undefined;
    const nested = parent && childrenOf.get(parent.id);
    if (nested && random.chance(0.1)) parent = random.pick(nested);
    const kind = parent ? SUB_PARK_KINDS.draw(random) : TOP_LEVEL_KINDS.draw(random);
    const park: Park = {
      id: `syn-park-${numbered(n, width)}`,
      name: `合成园区-${numbered(n, width)}`,
      nameEn: `Synthetic Park ${numbered(n, width)}`,
      kind,
      region: parent ? parent.region : region,
      parentId: parent?.id ?? null,
      industries: focusOf(random, mix, parent),
      thresholds: thresholdsOf(random),
      sources: [SYNTHETIC_EVIDENCE],
    };
    parks.push(park);
    if (parent) append(childrenOf, parent.id, park);
    else if (ZONE_KINDS.includes(kind)) append(zonesByCity, cityKey(park.region), park);
    append(byCity, cityKey(park.region), park);
  }
  const sizeOf = (park: Park) => (ZONE_KINDS.includes(park.kind) ? 3 : 1);
  return { parks, sizeOf, bySize: new Weighted(parks.map((park) => [park, sizeOf(park)] as const)), byCity };
}
