import fc from 'fast-check';
import { CARRIER_STATUSES, CARRIER_TYPES, LEAD_USES, POLICY_INTERESTS, POLICY_KINDS, TENURES, type Carrier, type LeadUse, type Region } from '@leadmatch/domain';
import type { MatchLead } from '../../src/index.ts';
import { carrier, fact, focus, leadClassifiedAs, park, platform, policy } from './catalog-builder.ts';
import { seedTaxonomy, type Snapshot } from './seed-catalog.ts';

export const CODES = seedTaxonomy.all().map((industry) => industry.code);

const REGIONS: Region[] = [
  { province: '江苏省', city: '苏州市', district: null },
  { province: '江苏省', city: '苏州市', district: '常熟市' },
  { province: '江苏省', city: '南京市', district: null },
  { province: '浙江省', city: '宁波市', district: null },
  { province: '上海市', city: '上海市', district: null },
];
const PREFERENCES = ['苏州', '江苏省', '常熟', '宁波市', '上海', 'Suzhou', 'Jiangsu'];

export const anyLead = (codes: fc.Arbitrary<string[]> = fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 3 })): fc.Arbitrary<MatchLead> =>
  fc
    .record({
      codes,
      weights: fc.array(fc.constantFrom(1, 0.6, 0.4), { minLength: 3, maxLength: 3 }),
      uses: fc.uniqueArray(fc.constantFrom(...LEAD_USES), { minLength: 1, maxLength: 3 }),
      landM2: fc.option(fc.integer({ min: 500, max: 200_000 })),
      buildingM2: fc.option(fc.integer({ min: 100, max: 50_000 })),
      buildingTenure: fc.option(fc.constantFrom(...TENURES)),
      annualTaxWan: fc.option(fc.integer({ min: 0, max: 50_000 })),
      investmentWan: fc.option(fc.integer({ min: 0, max: 500_000 })),
      employees: fc.option(fc.integer({ min: 1, max: 2000 })),
      regions: fc.uniqueArray(fc.constantFrom(...PREFERENCES), { maxLength: 2 }),
      policyInterests: fc.uniqueArray(fc.constantFrom(...POLICY_INTERESTS), { maxLength: 2 }),
    })
    .map(({ codes, weights, ...needs }) => {
      const lead = leadClassifiedAs(codes, needs);
      lead.classification.matches.forEach((match, i) => (match.weight = i === 0 ? 1 : weights[i]!));
      return lead;
    });

const anyArea = fc.option(
  fc.record({ value: fc.integer({ min: 100, max: 100_000 }), unit: fc.constantFrom('m2' as const, 'mu' as const), qualifier: fc.constantFrom('exact' as const, 'over' as const, 'about' as const, 'under' as const) }),
);

export type CatalogParts = Omit<Snapshot, 'version' | 'industries' | 'sources'>;

/**
 * Up to six parks, their focus drawn from `focusCodes`, with carriers, policies, platforms and facts;
 * the parts of a snapshot (`snapshotWith` adds the seed taxonomy), so that counterexamples stay short.
 */
export const anyCatalog = (focusCodes: readonly string[] = CODES): fc.Arbitrary<CatalogParts> => {
  const code = fc.constantFrom(...focusCodes);
  const anyPark = fc.record({
    region: fc.constantFrom(...REGIONS),
    industries: fc.uniqueArray(code, { maxLength: 3 }),
    secondary: fc.boolean(),
    carriers: fc.array(
      fc.record({
        type: fc.constantFrom(...CARRIER_TYPES),
        area: anyArea,
        tenure: fc.option(fc.subarray(['rent', 'sale'] as const, { minLength: 1 })),
        status: fc.constantFrom(...CARRIER_STATUSES),
      }),
      { maxLength: 4 },
    ),
    policies: fc.array(
      fc.record({
        kind: fc.constantFrom(...POLICY_KINDS),
        regionWide: fc.boolean(),
        industries: fc.uniqueArray(fc.constantFrom(...CODES), { maxLength: 2 }),
        validTo: fc.option(fc.constantFrom('2020-01-01', '2030-01-01')),
      }),
      { maxLength: 3 },
    ),
    platforms: fc.array(fc.record({ own: fc.boolean(), industries: fc.uniqueArray(fc.constantFrom(...CODES), { maxLength: 2 }) }), { maxLength: 2 }),
    facts: fc.array(code, { maxLength: 3 }),
  });
  return fc.array(anyPark, { minLength: 1, maxLength: 6 }).map(
    (drawn): CatalogParts => ({
      parks: drawn.map((p, i) =>
        park(`p${i}`, { region: p.region, industries: p.industries.map((c, k) => focus(c, p.secondary && k > 0 ? 'secondary' : 'lead')) }),
      ),
      carriers: drawn.flatMap((p, i) => p.carriers.map((c, k) => carrier(`p${i}-c${k}`, `p${i}`, c.type, { area: c.area, tenure: c.tenure, status: c.status }))),
      policies: drawn.flatMap((p, i) =>
        p.policies.map((q, k) =>
          policy(`p${i}-q${k}`, {
            kind: q.kind,
            parkIds: q.regionWide ? [] : [`p${i}`],
            region: q.regionWide ? { ...p.region, city: null, district: null } : null,
            industries: q.industries,
            validTo: q.validTo,
          }),
        ),
      ),
      platforms: drawn.flatMap((p, i) =>
        p.platforms.map((q, k) => platform(`p${i}-l${k}`, { parkId: q.own ? `p${i}` : null, region: p.region, industries: q.industries })),
      ),
      clusterFacts: drawn.flatMap((p, i) => p.facts.map((c, k) => fact(`p${i}-f${k}`, `p${i}`, c))),
    }),
  );
};

const SERVING: Record<LeadUse, Carrier['type']> = {
  production: 'standard-factory',
  rnd: 'rnd-building',
  lab: 'lab',
  pilot: 'pilot-base',
  office: 'office',
  headquarters: 'office',
  warehouse: 'warehouse',
};

/** A carrier that fits the lead by every rule: the right type, known to be big enough, the tenure it wants, operating. */
export function fittingCarrier(lead: MatchLead, id: string, parkId: string): Carrier {
  if (lead.buildingTenure === 'build') {
    return carrier(id, parkId, 'land', { area: { value: Math.max(lead.landM2 ?? 0, 1000) * 2, unit: 'm2', qualifier: 'exact' } });
  }
  const tenure = lead.buildingTenure === 'rent' ? ['rent' as const] : lead.buildingTenure === 'buy' ? ['sale' as const] : null;
  return carrier(id, parkId, SERVING[lead.uses[0]!], { area: { value: Math.max(lead.buildingM2 ?? 0, 1000) * 2, unit: 'm2', qualifier: 'exact' }, tenure });
}
