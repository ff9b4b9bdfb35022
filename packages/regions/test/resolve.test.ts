import t from 'tap';
import { divisionAt, divisionByCode, englishNames, parentsOf, resolvePlace } from '../src/index.ts';

const codes = (text: string) => resolvePlace(text).map((division) => division.code);

t.test('county-level cities by full name, short name, and English in any case', async (t) => {
  for (const text of ['昆山市', '昆山', 'Kunshan', 'KUNSHAN', 'kunshan city', '江苏省苏州市昆山市', '苏州昆山']) t.same(codes(text), ['320583'], text);
  for (const text of ['张家港', '张家港市', 'Zhangjiagang']) t.same(codes(text), ['320582'], text);
  const kunshan = resolvePlace('昆山')[0]!;
  t.same({ name: kunshan.name, level: kunshan.level, parents: kunshan.parents }, { name: '昆山市', level: 'county', parents: ['320000', '320500'] });
  t.same(parentsOf(kunshan).map((division) => division.name), ['江苏省', '苏州市']);
  t.equal(kunshan.city, '320500');
});

t.test('a district of a municipality: 新区 is a suffix', async (t) => {
  for (const text of ['浦东', '浦东新区', 'Pudong', 'pudong new area', '上海浦东']) t.same(codes(text), ['310115'], text);
  const pudong = divisionByCode('310115')!;
  t.same(pudong.parents, ['310000']);
  t.equal(pudong.city, '310000', 'the municipality is its city');
  t.ok(divisionByCode('310000')!.municipality);
  t.equal(divisionByCode('429004')!.city, null, '仙桃市 lies in no city');
});

t.test('ambiguous names keep every candidate; a province disambiguates', async (t) => {
  t.same(codes('Suzhou'), ['320500', '341300', '620902'], '苏州市, 宿州市 and 肃州区');
  t.same(codes('苏州'), ['320500']);
  for (const text of ['Suzhou, Jiangsu', 'Jiangsu Suzhou', 'SUZHOU JIANGSU PROVINCE']) t.same(codes(text), ['320500'], text);
  t.same(codes('Suzhou, Anhui'), ['341300']);
  t.same(codes('普陀'), ['310107', '330903'], 'in 上海 and in 舟山');
  t.same(codes('吉林'), ['220000', '220200'], 'the province and its city');
});

t.test('provinces, autonomous regions and municipalities', async (t) => {
  for (const text of ['江苏', '江苏省', 'Jiangsu', 'jiangsu province']) t.same(codes(text), ['320000'], text);
  for (const text of ['宁夏', '宁夏回族自治区', 'Ningxia']) t.same(codes(text), ['640000'], text);
  for (const text of ['广西', 'Guangxi']) t.same(codes(text), ['450000'], text);
  t.same(codes('Inner Mongolia'), ['150000']);
  t.same(codes('Shaanxi'), ['610000']);
  t.same(codes('Shanxi'), ['140000'], '山西, not 陕西');
  t.same(codes('上海'), ['310000']);
  t.same(codes('恩施'), ['422800', '422801'], 'the autonomous prefecture by its short name, and its seat 恩施市');
  t.same(codes('湘西'), ['433100']);
});

t.test('text naming no division, or naming them in the wrong order, resolves to none', async (t) => {
  for (const text of ['', '火星', 'Mars', '苏州江苏', '苏', '州', '市辖区', '江苏南京昆山']) t.same(codes(text), [], JSON.stringify(text));
});

t.test('a park region by its names, outermost first', async (t) => {
  t.equal(divisionAt(['江苏省', '苏州市', '吴江区'])?.code, '320509');
  t.equal(divisionAt(['江苏省', '苏州市', null])?.code, '320500');
  t.equal(divisionAt(['上海市', '上海市', null])?.code, '310000');
  t.equal(divisionAt(['上海市', '上海市', '浦东新区'])?.code, '310115');
  t.equal(divisionAt(['江苏省', '无名市', null])?.code, '320000', 'as far as the names are known');
  t.equal(divisionAt(['无名省', null, null]), null);
});

t.test('English names: pinyin of the short name, or the usual English name', async (t) => {
  t.same(englishNames(divisionByCode('320583')!), ['Kunshan']);
  t.same(englishNames(divisionByCode('310115')!), ['Pudong']);
  t.same(englishNames(divisionByCode('540000')!), ['Tibet', 'Xizang']);
});
