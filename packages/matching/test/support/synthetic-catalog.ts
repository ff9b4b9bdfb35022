import type { Carrier, ClusterFact, Park, Platform, Policy, Region } from '@leadmatch/domain';
import { seedSnapshot, type Snapshot } from './seed-catalog.ts';

const REF = { source: 'src-000', locator: '合成数据' };
const CARRIER_TYPES = ['land', 'standard-factory', 'rnd-building', 'lab', 'pilot-base', 'office', 'incubator', 'warehouse'] as const;
const POLICY_KINDS = ['financing', 'talent', 'ip', 'subsidy', 'listing', 'scenario', 'tax', 'land'] as const;

/**
 * A deterministic catalog at the scale the matcher must serve, over the seed taxonomy: per park 5
 * focus codes, 10 cluster facts, 10 carriers, 4 policies (one region-wide, one expired) and 2 platforms,
 * spread over 31 provinces and 310 cities.
 */
export function syntheticSnapshot(parkCount: number): Snapshot {
  const codes = seedSnapshot.industries.map((industry) => industry.code);
  const code = (i: number) => codes[(i * 7919) % codes.length]!;
  const regionOf = (i: number): Region => ({ province: `省${i % 31}`, city: `市${i % 310}`, district: null });
  const parks: Park[] = [];
  const clusterFacts: ClusterFact[] = [];
  const carriers: Carrier[] = [];
  const policies: Policy[] = [];
  const platforms: Platform[] = [];
  for (let i = 0; i < parkCount; i++) {
    const id = `park-${i}`;
    parks.push({
      id,
      name: `园区${i}`,
      nameEn: `Park ${i}`,
      kind: 'industrial-park',
      region: regionOf(i),
      parentId: null,
      industries: [0, 1, 2, 3, 4].map((k) => ({ code: code(i * 5 + k), focus: k < 2 ? 'lead' : 'secondary', evidence: REF })),
      thresholds: { minTaxPerMuWan: i % 3 === 0 ? 30 : null, minInvestmentPerMuWan: null, evidence: null },
      sources: [REF],
    });
    for (let k = 0; k < 10; k++) {
      clusterFacts.push({ id: `${id}-fact-${k}`, parkId: id, industry: code(i + k), metric: 'enterprises', label: '企业', amount: null, year: 2023, evidence: REF });
      carriers.push({
        id: `${id}-carrier-${k}`,
        parkId: id,
        type: CARRIER_TYPES[(i + k) % CARRIER_TYPES.length]!,
        label: '载体',
        area: k % 3 === 0 ? null : { value: 1000 * (k + 1), unit: k % 2 ? 'm2' : 'mu', qualifier: 'exact' },
        tenure: k % 2 ? ['rent'] : null,
        status: 'operating',
        evidence: REF,
      });
    }
    for (let k = 0; k < 4; k++) {
      const regionWide = k === 3;
      policies.push({
        id: `${id}-policy-${k}`,
        name: '政策',
        kind: POLICY_KINDS[(i + k) % POLICY_KINDS.length]!,
        issuer: null,
        parkIds: regionWide ? [] : [id],
        region: regionWide ? { ...regionOf(i), city: i % 2 ? regionOf(i).city : null } : null,
        industries: k % 2 ? [] : [code(i + k)],
        benefit: '支持',
        amounts: [],
        validFrom: null,
        validTo: k === 1 ? '2020-01-01' : null,
        evidence: REF,
      });
    }
    for (let k = 0; k < 2; k++) {
      platforms.push({
        id: `${id}-platform-${k}`,
        name: '平台',
        type: 'public-tech',
        parkId: k === 0 ? id : null,
        region: regionOf(i),
        industries: k === 0 ? [code(i)] : [],
        services: '服务',
        evidence: REF,
      });
    }
  }
  return { ...seedSnapshot, parks, clusterFacts, carriers, policies, platforms };
}
