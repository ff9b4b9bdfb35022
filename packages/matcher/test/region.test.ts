import t from 'tap';
import { namesRegion, readPreference } from '@leadmatch/catalog-core';
import { catalogLookup, matchFacts, matchLead, renderMatch } from '../src/index.ts';
import { CITY_ONLY_REGION_SCORE, PROVINCE_ONLY_REGION_SCORE } from '../src/weights.ts';
import { catalogWith, focus, NINGBO, park, reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const CHANGSHU = { province: '江苏省', city: '苏州市', district: '常熟市' };
const SHANGHAI = { province: '上海市', city: '上海市', district: null };
const YINCHUAN = { province: '宁夏回族自治区', city: '银川市', district: '金凤区' };

t.test('Chinese region names with or without their suffixes, alone or combined', async (t) => {
  for (const name of ['苏州', '苏州市', '常熟', '常熟市', '江苏苏州', '江苏省苏州市', '江苏常熟', '苏州常熟市']) {
    t.equal(namesRegion(readPreference(name), CHANGSHU), 'local', name);
  }
  for (const name of ['江苏', '江苏省', 'Jiangsu', 'jiangsu province']) t.equal(namesRegion(readPreference(name), CHANGSHU), 'province', name);
  for (const name of ['浙江', '苏', '州', '南京', '江苏南京', '苏州江苏', 'Suzhou']) t.equal(namesRegion(readPreference(name), CHANGSHU), null, name);
  t.equal(namesRegion('上海', SHANGHAI), 'local', 'a municipality is a city');
  t.equal(namesRegion('宁夏', YINCHUAN), 'province');
  t.equal(namesRegion('银川', YINCHUAN), 'local');
  t.equal(namesRegion(readPreference('Ningxia'), YINCHUAN), 'province');
});

const catalog = catalogWith({
  parks: [
    park('suzhou', { industries: [focus('medical-devices')] }),
    park('changshu', { industries: [focus('medical-devices')], region: CHANGSHU }),
    park('nanjing', { industries: [focus('medical-devices')], region: { province: '江苏省', city: '南京市', district: null } }),
    park('ningbo', { industries: [focus('medical-devices')], region: NINGBO }),
  ],
});

t.test('a region preference excludes parks outside every preferred region', async (t) => {
  const result = matchLead(leadOf('医疗器械', { regions: ['苏州'] }), catalog, ALL);
  t.same(result.suggestions.map((s) => s.park.id), ['changshu', 'suzhou']);
  t.same(result.excluded, [
    { constraint: 'region', parks: 2 },
    { constraint: 'land', parks: 0 },
  ]);
  const reason = reasonOf(suggestionFor(result, 'changshu'), 'region');
  t.equal(reason.score, 1);
  t.same(reason.matchedTerms, ['苏州']);
  t.equal(reason.zh, '意向地区“苏州”即苏州市（320500）；该园区位于江苏省苏州市常熟市（320581）。');
  t.equal(reason.en, 'The lead\'s preferred region "苏州" is Suzhou (320500); the park is in Changshu, Suzhou, Jiangsu (320581).');
  t.match(result.summary.zh, /按地区偏好排除 2 个园区/);
});

t.test('a province-level preference scores less than a city-level one', async (t) => {
  const result = matchLead(leadOf('医疗器械', { regions: ['江苏省', '常熟'] }), catalog, ALL);
  t.equal(reasonOf(suggestionFor(result, 'changshu'), 'region').score, 1);
  t.equal(reasonOf(suggestionFor(result, 'nanjing'), 'region').score, PROVINCE_ONLY_REGION_SCORE);
  t.match(reasonOf(suggestionFor(result, 'nanjing'), 'region').zh, /仅省级相符/);
  t.notOk(suggestionFor(result, 'ningbo'));
});

t.test('no preference: neutral; an unrecognised one is not applied, and the answer says so', async (t) => {
  const none = matchLead(leadOf('医疗器械'), catalog, ALL);
  t.equal(none.suggestions.length, 4);
  t.equal(reasonOf(none.suggestions[0], 'region').score, null);

  const misspelt = matchLead(leadOf('医疗器械', { regions: ['Suzhuo'] }), catalog, ALL);
  t.equal(misspelt.suggestions.length, 4, 'nothing excluded on a name the matcher cannot place');
  t.match(reasonOf(misspelt.suggestions[0], 'region').zh, /“Suzhuo”与目录中任何园区所在地都对不上，未作为筛选条件/);
  t.match(misspelt.summary.en, /the unrecognised region "Suzhuo" not applied/);

  const elsewhere = matchLead(leadOf('医疗器械', { regions: ['广州'] }), catalog, ALL);
  t.equal(elsewhere.suggestions.length, 4, 'a real place with no catalogued park in or near it is not applied either');
  t.match(elsewhere.summary.zh, /无法识别的地区偏好“广州”未作筛选/);

  const mixed = matchLead(leadOf('医疗器械', { regions: ['Suzhuo', '宁波'] }), catalog, ALL);
  t.same(mixed.suggestions.map((s) => s.park.id), ['ningbo'], 'the recognised preference still applies');
});

t.test('a county-level city: its own parks at full score, the rest of its city as a city match', async (t) => {
  const withKunshan = catalogWith({
    parks: [
      park('kunshan', { industries: [focus('medical-devices')], region: { province: '江苏省', city: '苏州市', district: '昆山市' } }),
      park('suzhou', { industries: [focus('medical-devices')] }),
      park('changshu', { industries: [focus('medical-devices')], region: CHANGSHU }),
      park('nanjing', { industries: [focus('medical-devices')], region: { province: '江苏省', city: '南京市', district: null } }),
    ],
  });
  const result = matchLead(leadOf('医疗器械', { regions: ['昆山'] }), withKunshan, ALL);
  t.same(result.suggestions.map((s) => s.park.id).sort(), ['changshu', 'kunshan', 'suzhou'], '南京 is excluded');
  t.equal(reasonOf(suggestionFor(result, 'kunshan'), 'region').score, 1);
  const suzhou = reasonOf(suggestionFor(result, 'suzhou'), 'region');
  t.equal(suzhou.score, CITY_ONLY_REGION_SCORE);
  t.same(suzhou.matchedTerms, ['昆山']);
  t.equal(suzhou.zh, '意向地区“昆山”即昆山市（320583），属苏州市（320500）；该园区位于江苏省苏州市（320500）（同市相符）。');
  t.equal(
    suzhou.en,
    'The lead\'s preferred region "昆山" is Kunshan (320583), part of Suzhou (320500); the park is in Suzhou, Jiangsu (320500), in the same city only.',
  );
  t.equal(reasonOf(suggestionFor(result, 'changshu'), 'region').score, CITY_ONLY_REGION_SCORE, 'another county of 苏州');

  for (const name of ['Kunshan', 'KUNSHAN', '张家港']) {
    const other = matchLead(leadOf('医疗器械', { regions: [name] }), withKunshan, ALL);
    t.same(other.suggestions.map((s) => s.park.id).sort(), ['changshu', 'kunshan', 'suzhou'], name);
  }
});

t.test('the facts keep the division codes; a brief answer names the divisions without them', async (t) => {
  const facts = matchFacts(leadOf('医疗器械', { regions: ['常熟', '江苏'] }), catalog, ALL);
  const changshu = facts.suggestions.find((suggestion) => suggestion.park === 'changshu')!;
  const region = changshu.reasons[4];
  t.same(
    { level: region.level, places: region.places, parkDivision: region.parkDivision },
    {
      level: 'local',
      places: [
        { division: '320581', match: 'local' },
        { division: '320000', match: 'province' },
      ],
      parkDivision: '320581',
    },
  );
  const brief = renderMatch(facts, catalogLookup(catalog), { brief: true });
  t.equal(reasonOf(suggestionFor(brief, 'changshu'), 'region').zh, '意向地区“常熟”即常熟市；“江苏”即江苏省；该园区位于江苏省苏州市常熟市。');
});

t.test('a district of a municipality, and English city names with their ambiguity', async (t) => {
  const withPudong = catalogWith({
    parks: [
      park('pudong', { industries: [focus('medical-devices')], region: { province: '上海市', city: '上海市', district: '浦东新区' } }),
      park('shanghai', { industries: [focus('medical-devices')], region: SHANGHAI }),
      park('suzhou', { industries: [focus('medical-devices')] }),
      park('suzhou-anhui', { industries: [focus('medical-devices')], region: { province: '安徽省', city: '宿州市', district: null } }),
    ],
  });
  const pudong = matchLead(leadOf('医疗器械', { regions: ['浦东'] }), withPudong, ALL);
  t.same(pudong.suggestions.map((s) => s.park.id).sort(), ['pudong', 'shanghai']);
  t.equal(reasonOf(suggestionFor(pudong, 'pudong'), 'region').score, 1);
  t.equal(reasonOf(suggestionFor(pudong, 'shanghai'), 'region').score, CITY_ONLY_REGION_SCORE);
  t.match(reasonOf(suggestionFor(pudong, 'pudong'), 'region').zh, /“浦东”即浦东新区（310115）；该园区位于上海市浦东新区（310115）。/);
  t.same(
    matchLead(leadOf('医疗器械', { regions: ['Pudong New Area'] }), withPudong, ALL).suggestions.map((s) => s.park.id).sort(),
    ['pudong', 'shanghai'],
  );

  const suzhou = matchLead(leadOf('医疗器械', { regions: ['Suzhou'] }), withPudong, ALL);
  t.same(suzhou.suggestions.map((s) => s.park.id).sort(), ['suzhou', 'suzhou-anhui'], 'Suzhou is 苏州市 and 宿州市');
  t.match(reasonOf(suggestionFor(suzhou, 'suzhou'), 'region').en, /"Suzhou" is Suzhou \(320500\)/);
  t.match(reasonOf(suggestionFor(suzhou, 'suzhou-anhui'), 'region').zh, /“Suzhou”即宿州市（341300）/);
  const jiangsu = matchLead(leadOf('医疗器械', { regions: ['Suzhou, Jiangsu'] }), withPudong, ALL);
  t.same(jiangsu.suggestions.map((s) => s.park.id), ['suzhou'], 'a province disambiguates');
});
