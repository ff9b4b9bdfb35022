import t from 'tap';
import { matchLead } from '../src/index.ts';
import { FITTING_CARRIER_FLOOR } from '../src/weights.ts';
import { carrier, catalogWith, focus, park, reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const devicePark = (id: string) => park(id, { industries: [focus('medical-devices')] });
const exact = (value: number, unit: 'm2' | 'mu' = 'm2') => ({ value, unit, qualifier: 'exact' as const });

t.test('no carriers in the catalog: unknown (null), not zero, and the reason says so', async (t) => {
  const result = matchLead(leadOf('医疗器械', { uses: ['production'] }), catalogWith({ parks: [devicePark('bare')] }), ALL);
  const reason = reasonOf(suggestionFor(result, 'bare'), 'carriers');
  t.equal(reason.score, null);
  t.match(reason.zh, /目录中没有该园区的载体信息，载体匹配未知/);
  t.match(reason.en, /lists no carriers for this park, so carrier fit is unknown/);
  t.equal(suggestionFor(result, 'bare')?.fit, 'strong', 'unknown carriers do not block a strong fit');
});

t.test('carriers known but none serving the lead: 0, and not strong', async (t) => {
  const catalog = catalogWith({ parks: [devicePark('offices')], carriers: [carrier('o1', 'offices', 'office'), carrier('w1', 'offices', 'warehouse')] });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'] }), catalog, ALL);
  const suggestion = suggestionFor(result, 'offices');
  t.equal(reasonOf(suggestion, 'carriers').score, 0);
  t.match(reasonOf(suggestion, 'carriers').zh, /目录列出该园区 2 处载体，但没有一处适合企业的用途（生产）：2 处类型不符/);
  t.equal(suggestion?.fit, 'partial');
  t.same(suggestion?.carriers, []);
  t.match(result.summary.zh, /没有找到强匹配的园区：.*目录所列载体没有一处适合企业的用途/);
});

t.test('a fitting carrier scores at least the floor and is listed, area in m²', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('factory')],
    carriers: [carrier('f1', 'factory', 'standard-factory', { area: exact(3, 'mu'), tenure: ['rent'] })],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'], buildingM2: 1500, buildingTenure: 'rent' }), catalog, ALL);
  const suggestion = suggestionFor(result, 'factory');
  t.equal(reasonOf(suggestion, 'carriers').score, 1);
  t.same(reasonOf(suggestion, 'carriers').matchedTerms, ['production']);
  t.match(suggestion?.carriers, [{ id: 'f1', type: 'standard-factory', areaM2: 2000, tenure: ['rent'], status: 'operating' }]);
});

t.test('covering only some uses scores less than covering all', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('one'), devicePark('both')],
    carriers: [
      carrier('one-f', 'one', 'standard-factory'),
      carrier('both-f', 'both', 'standard-factory'),
      carrier('both-r', 'both', 'rnd-building'),
    ],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production', 'rnd'] }), catalog, ALL);
  t.equal(reasonOf(suggestionFor(result, 'one'), 'carriers').score, FITTING_CARRIER_FLOOR + (1 - FITTING_CARRIER_FLOOR) / 2);
  t.equal(reasonOf(suggestionFor(result, 'both'), 'carriers').score, 1);
  t.match(reasonOf(suggestionFor(result, 'one'), 'carriers').zh, /研发用途没有合适载体/);
});

t.test('area: known too small fails, unknown or a lower bound does not', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('small'), devicePark('unknown'), devicePark('over')],
    carriers: [
      carrier('s', 'small', 'standard-factory', { area: exact(500) }),
      carrier('u', 'unknown', 'standard-factory'),
      carrier('o', 'over', 'standard-factory', { area: { value: 500, unit: 'm2', qualifier: 'over' } }),
    ],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'], buildingM2: 2000 }), catalog, ALL);
  t.equal(reasonOf(suggestionFor(result, 'small'), 'carriers').score, 0);
  t.match(reasonOf(suggestionFor(result, 'small'), 'carriers').zh, /1 处面积不足/);
  t.ok(reasonOf(suggestionFor(result, 'unknown'), 'carriers').score! >= FITTING_CARRIER_FLOOR);
  t.ok(reasonOf(suggestionFor(result, 'over'), 'carriers').score! >= FITTING_CARRIER_FLOOR);
  t.ok(reasonOf(suggestionFor(result, 'unknown'), 'carriers').score! < 1, 'an unknown area counts for less than a known fit');
});

t.test('tenure: rent ↔ rent, buy ↔ sale, build → land, unknown tenure is not a mismatch', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('rent'), devicePark('sale'), devicePark('land'), devicePark('unknown')],
    carriers: [
      carrier('r', 'rent', 'standard-factory', { tenure: ['rent'] }),
      carrier('s', 'sale', 'standard-factory', { tenure: ['sale'] }),
      carrier('l', 'land', 'land'),
      carrier('u', 'unknown', 'standard-factory'),
    ],
  });
  const score = (tenure: 'rent' | 'buy' | 'build' | 'any', parkId: string) =>
    reasonOf(suggestionFor(matchLead(leadOf('医疗器械', { uses: ['production'], buildingTenure: tenure }), catalog, ALL), parkId), 'carriers').score;
  t.equal(score('rent', 'rent'), 1);
  t.equal(score('rent', 'sale'), 0);
  t.equal(score('buy', 'sale'), 1);
  t.equal(score('buy', 'rent'), 0);
  t.equal(score('build', 'land'), 1);
  t.equal(score('build', 'rent'), 0, 'a lead that builds is not served by a ready building');
  t.equal(score('rent', 'land'), 0, 'a lead that rents a building without a land need is not served by land');
  t.equal(score('any', 'sale'), 1);
  t.ok(score('rent', 'unknown')! >= FITTING_CARRIER_FLOOR && score('rent', 'unknown')! < 1);
});

t.test('incubators serve R&D and lab always, and every use of an early-stage lead', async (t) => {
  const catalog = catalogWith({ parks: [devicePark('incubator')], carriers: [carrier('i', 'incubator', 'incubator')] });
  const score = (overrides: Parameters<typeof leadOf>[1]) =>
    reasonOf(suggestionFor(matchLead(leadOf('医疗器械', overrides), catalog, ALL), 'incubator'), 'carriers').score;
  t.equal(score({ uses: ['rnd'] }), 1);
  t.equal(score({ uses: ['production'], employees: 12 }), 1, 'up to 20 employees');
  t.ok(score({ uses: ['production'], buildingM2: 800 })! >= FITTING_CARRIER_FLOOR, 'up to 1000 m² of floor space (the incubator area unknown)');
  t.equal(score({ uses: ['production'], employees: 200 }), 0);
  t.equal(score({ uses: ['production'], employees: 12, landM2: 10_000 }), 0, 'a lead needing land is not early-stage');
});

t.test('land need larger than every known land carrier excludes the park', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('small-land'), devicePark('unknown-land'), devicePark('no-land'), devicePark('mixed-land')],
    carriers: [
      carrier('sl', 'small-land', 'land', { area: exact(20, 'mu') }),
      carrier('ul', 'unknown-land', 'land'),
      carrier('nf', 'no-land', 'standard-factory'),
      carrier('ml-small', 'mixed-land', 'land', { area: exact(20, 'mu') }),
      carrier('ml-big', 'mixed-land', 'land', { area: exact(80, 'mu') }),
    ],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'], landM2: 50 * (10_000 / 15) }), catalog, ALL);
  t.same(result.excluded, [
    { constraint: 'region', parks: 0 },
    { constraint: 'land', parks: 1 },
  ]);
  t.notOk(suggestionFor(result, 'small-land'));
  t.ok(suggestionFor(result, 'unknown-land'), 'unknown area is not known too small');
  t.ok(suggestionFor(result, 'no-land'), 'no land carriers known: not excluded');
  t.match(suggestionFor(result, 'mixed-land')?.carriers, [{ id: 'ml-big' }]);
  t.match(result.summary.zh, /因已知土地面积不足排除 1 个/);
});

t.test('each listed carrier says which need its area was held against: land against land, buildings against floor space', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('mixed')],
    carriers: [
      carrier('plot', 'mixed', 'land', { area: exact(60_000) }),
      carrier('b-factory', 'mixed', 'standard-factory', { area: exact(6000) }),
    ],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'], landM2: 40_000 }), catalog, ALL);
  const reason = reasonOf(suggestionFor(result, 'mixed'), 'carriers');
  t.notMatch(reason.zh, /需用地 40,?000 m²：/, 'the land need is not set beside a factory’s floor space');
  t.match(reason.zh, /60,?000 m²，对照用地需求 40,?000 m²/);
  t.match(reason.zh, /6,?000 m²，企业未给出建筑面积/);
  t.match(reason.en, /6,?000 m², the lead gives no floor space/);
});
