import fc from 'fast-check';
import t from 'tap';
import { CARRIER_STATUSES, CARRIER_TYPES, QUALIFIERS, type Carrier } from '@leadmatch/domain';
import { nationalCatalogDocument } from '../../../bench/national/document.ts';
import { areaLimit } from '../src/area-limit.ts';
import { areaVerdict } from '../src/factors/carriers.ts';
import { matchLead, type MatchCatalog, type MatchLead } from '../src/index.ts';
import { anyLead, CODES } from './support/arbitraries.ts';
import { carrier } from './support/catalog-builder.ts';
import { matchLeadExhaustively } from './support/exhaustive-match.ts';
import { catalogOf, leadOf, seedCatalog, seedSnapshot, snapshotOf } from './support/seed-catalog.ts';

/**
 * `matchLead` visits only the parks the index reaches and assesses in full only those whose estimate
 * can still enter the top N; the exhaustive matcher assesses every park. Their answers must be the
 * same to the byte, for any lead, on the seed catalog and on a generated national one.
 */

const national = catalogOf(snapshotOf(nationalCatalogDocument(seedSnapshot.industries, { parks: 400, seed: 11 }).document));

/** Seed places, national places, English names, combined forms, and names no park has. */
const REGIONS = ['苏州', '江苏省', '常熟', '宁波市', '上海', '江苏苏州吴江', '广东省深圳市', '深圳南山', '浙江', '成都', '北京市海淀区', '宁夏', '红河', 'Suzhou', 'Jiangsu', 'Xinjiang', '火星'];

const anyVariedLead: fc.Arbitrary<MatchLead> = fc
  .tuple(
    anyLead(fc.oneof({ weight: 5, arbitrary: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant<string[]>([]) })),
    fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 3 }),
    fc.option(fc.integer({ min: 1_000, max: 600_000 })),
  )
  .map(([lead, regions, landM2]) => ({ ...lead, regions, landM2 }));

const anyOptions = fc.record({
  topN: fc.constantFrom(0, 1, 3, 5, 10, 1000),
  now: fc.constantFrom(new Date('2019-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')),
});

const same = (lead: MatchLead, catalog: MatchCatalog, options: { topN: number; now: Date }) =>
  JSON.stringify(matchLead(lead, catalog, options)) === JSON.stringify(matchLeadExhaustively(lead, catalog, options));

t.test('the seed catalog: the same answer as assessing every park', async (t) => {
  fc.assert(fc.property(anyVariedLead, anyOptions, (lead, options) => same(lead, seedCatalog, options)), { numRuns: 400 });
  t.pass('held for every generated lead');
});

t.test('a generated national catalog: the same answer as assessing every park', async (t) => {
  fc.assert(fc.property(anyVariedLead, anyOptions, (lead, options) => same(lead, national, options)), { numRuns: 300 });
  t.pass('held for every generated lead');
});

t.test('classified leads in free text, on both catalogs', async (t) => {
  const texts = ['医疗器械研发与生产', '抗體藥物', 'AI chips and robotics', '新能源汽车电池', '跨境电商', '海洋生物医药中试', '完全无法识别的行业'];
  for (const text of texts) {
    for (const regions of [[], ['苏州'], ['广东']]) {
      const lead = leadOf(text, { uses: ['production', 'rnd'], regions, buildingM2: 3000, buildingTenure: 'rent' });
      for (const catalog of [seedCatalog, national]) t.ok(same(lead, catalog, { topN: 5, now: new Date('2025-06-01T00:00:00Z') }), `${text} ${regions.join('')}`);
    }
  }
});

const anyArea: fc.Arbitrary<Carrier['area']> = fc.option(
  fc.record({
    value: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.01, max: 1_000_000, noNaN: true })),
    unit: fc.constantFrom('m2' as const, 'mu' as const),
    qualifier: fc.constantFrom(...QUALIFIERS),
  }),
);

t.test('a carrier is short of a need exactly when the need exceeds its area limit', async (t) => {
  const justAbove = (x: number) => x + Math.max(Number.MIN_VALUE, Math.abs(x) * Number.EPSILON);
  fc.assert(
    fc.property(anyArea, fc.double({ min: 1, max: 2_000_000, noNaN: true }), (area, need) => {
      const limit = areaLimit(area);
      const shortAt = (n: number) => areaVerdict(area, n) === 'short';
      return shortAt(need) === need > limit && (limit === Infinity || (!shortAt(limit) && shortAt(justAbove(limit))));
    }),
    { numRuns: 2000 },
  );
  t.pass('held');
});

t.test('the land constraint and "some carrier fits" agree with a carrier-by-carrier check', async (t) => {
  const anyCarriers = fc.array(
    fc.record({ type: fc.constantFrom(...CARRIER_TYPES), area: anyArea, tenure: fc.option(fc.subarray(['rent', 'sale'] as const, { minLength: 1 })), status: fc.constantFrom(...CARRIER_STATUSES) }),
    { maxLength: 6 },
  );
  fc.assert(
    fc.property(anyVariedLead, anyCarriers, (lead, drawn) => {
      const parks = [{ ...seedSnapshot.parks[0]!, id: 'p', parentId: null }];
      const carriers = drawn.map((c, i) => carrier(`c${i}`, 'p', c.type, { area: c.area, tenure: c.tenure, status: c.status }));
      const catalog = catalogOf({ ...seedSnapshot, parks, carriers, clusterFacts: [], policies: [], platforms: [] });
      return same(lead, catalog, { topN: 5, now: new Date('2025-06-01T00:00:00Z') });
    }),
    { numRuns: 1000 },
  );
  t.pass('held');
});
