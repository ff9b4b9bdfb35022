import t from 'tap';
import { namesRegion, readPreference } from '@leadmatch/catalog-core';
import { matchLead } from '../src/index.ts';
import { PROVINCE_ONLY_REGION_SCORE } from '../src/weights.ts';
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
  t.match(reason.zh, /园区位于江苏省苏州市常熟市，符合企业偏好的“苏州”/);
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

  const english = matchLead(leadOf('医疗器械', { regions: ['Suzhou'] }), catalog, ALL);
  t.equal(english.suggestions.length, 4, 'nothing excluded on a name the matcher cannot place');
  t.match(reasonOf(english.suggestions[0], 'region').zh, /“Suzhou”与目录中任何园区所在地都对不上，未作为筛选条件/);
  t.match(english.summary.en, /the unrecognised region "Suzhou" not applied/);

  const mixed = matchLead(leadOf('医疗器械', { regions: ['Suzhou', '宁波'] }), catalog, ALL);
  t.same(mixed.suggestions.map((s) => s.park.id), ['ningbo'], 'the recognised preference still applies');
});
