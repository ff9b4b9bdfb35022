import t from 'tap';
import { matchLead } from '../src/index.ts';
import { reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW, seedCatalog } from './support/seed-catalog.ts';

const ids = (result: ReturnType<typeof matchLead>, n = 5) => result.suggestions.slice(0, n).map((s) => s.park.id);

t.test('a medical-device maker wanting R&D and production space in 苏州', async (t) => {
  const lead = leadOf('医疗器械研发与生产', { uses: ['production', 'rnd'], buildingM2: 5000, regions: ['苏州'] });
  const result = matchLead(lead, seedCatalog, { now: NOW });
  t.same([...ids(result, 3)].sort(), ['sip', 'snd', 'snd-jiangsu-medical-device-park']);
  for (const suggestion of result.suggestions.slice(0, 3)) t.equal(suggestion.fit, 'strong', suggestion.park.id);
  t.ok(result.hasStrongFit);
  t.match(result.summary.zh, /^找到 \d+ 个强匹配的园区，首选/);
  t.ok(result.suggestions.every((s) => s.park.id !== 'zhoushan-marine-complex'), 'nothing outside 苏州');
  t.ok(result.excluded.find((e) => e.constraint === 'region')!.parks > 0);

  const devicePark = suggestionFor(result, 'snd-jiangsu-medical-device-park')!;
  t.equal(devicePark.park.parentName, '苏州高新区');
  t.ok(
    devicePark.platforms.some((p) => p.id === 'a003-jsmd-testing-suzhou-branch' && p.type === 'testing-registration' && p.inPark),
    'the registration testing branch in the park',
  );
  t.equal(reasonOf(devicePark, 'carriers').score, null, 'no carriers catalogued: unknown');

  const sip = suggestionFor(result, 'sip')!;
  t.same(sip.carriers, [], 'the park-wide 10M m² figure is a statistic, not a carrier');
  t.equal(reasonOf(sip, 'carriers').score, null);
  t.ok(sip.policies.some((p) => p.id === 'sip-policy-biomed-implementation-measures'));
  for (const reason of sip.reasons) t.ok(reason.zh && reason.en, reason.factor);
  t.ok(reasonOf(sip, 'industry').evidence.some((ref) => ref.source === 'src-000' || ref.source === 'src-002'));
});

t.test('known carriers that do not serve the lead’s use keep a park from being strong', async (t) => {
  const result = matchLead(leadOf('电子商务', { uses: ['production'], regions: ['银川'] }), seedCatalog, { now: NOW });
  const tmall = suggestionFor(result, 'tmall-ningxia-ecommerce-centre');
  t.equal(tmall?.fit, 'partial', 'its catalogued carriers are offices only');
  t.match(reasonOf(tmall, 'carriers').zh, /没有一处适合企业的用途（生产）/);
});

t.test('an acoustics company', async (t) => {
  const result = matchLead(leadOf('智能声学器件与扬声器模组', { uses: ['rnd', 'production'] }), seedCatalog, { now: NOW });
  t.equal(result.suggestions[0]?.park.id, 'changshu-acoustics-valley');
  t.equal(result.suggestions[0]?.fit, 'strong');
  t.match(reasonOf(result.suggestions[0], 'industry').zh, /即为园区主导产业“声学”/);
  t.same(result.suggestions.filter((s) => s.fit === 'strong').map((s) => s.park.id), ['changshu-acoustics-valley']);
});

t.test('a marine-biology pilot', async (t) => {
  const result = matchLead(leadOf('海洋生物制品中试', { uses: ['pilot'] }), seedCatalog, { now: NOW });
  const top = result.suggestions[0]!;
  t.equal(top.park.id, 'zhoushan-marine-complex');
  t.equal(top.fit, 'strong');
  t.match(top.carriers, [{ id: 'a003-zhoushan-marine-bio-pilot-base', type: 'pilot-base' }]);
  t.match(top.platforms, [{ id: 'a003-zhoushan-marine-bio-pilot-rnd', inPark: true }]);
});

t.test('an e-commerce office in 银川', async (t) => {
  const result = matchLead(leadOf('电子商务运营', { uses: ['office'], buildingM2: 800, buildingTenure: 'rent', regions: ['银川'] }), seedCatalog, { now: NOW });
  t.equal(result.suggestions[0]?.park.id, 'tmall-ningxia-ecommerce-centre');
  t.equal(result.suggestions[0]?.fit, 'strong');
  t.ok(result.suggestions.every((s) => s.park.id.startsWith('yinchuan') || s.park.id.startsWith('tmall')));
  t.match(reasonOf(result.suggestions[0], 'carriers').zh, /办公楼宇“天猫宁夏电商共享服务中心一期”（1250 m²/);
});

t.test('a nonsense industry: no strong fit, and the summary says the industry was not recognised', async (t) => {
  const result = matchLead(leadOf('随便什么东西都可以', { uses: ['office'] }), seedCatalog, { now: NOW });
  t.equal(result.hasStrongFit, false);
  t.ok(result.suggestions.every((s) => s.fit !== 'strong'));
  t.match(result.summary.zh, /^没有找到强匹配的园区：未识别出企业的行业（“随便什么东西都可以”）/);
  t.match(result.summary.en, /^No park is a strong fit: the lead's industry \("随便什么东西都可以"\) was not recognised/);
  for (const suggestion of result.suggestions) t.match(reasonOf(suggestion, 'industry').zh, /未能识别企业的行业/);
});

t.test('an industry no catalogued park serves: no strong fit, and the summary says why', async (t) => {
  const result = matchLead(leadOf('跨境电商', { uses: ['office'], regions: ['苏州'] }), seedCatalog, { now: NOW });
  t.equal(result.hasStrongFit, false);
  t.match(result.summary.zh, /^没有找到强匹配的园区：最接近的企业总部基地也只是部分匹配，因为目录未列出其产业方向；按地区偏好排除 20 个园区。$/);
  t.match(result.summary.en, /^No park is a strong fit: the closest, .* is only a partial fit because the catalog lists no industry focus for it/);
});

t.test('the answer: top 5 by default, ranked by score then park id, scores in 0..1 with 3 decimals', async (t) => {
  const result = matchLead(leadOf('人工智能'), seedCatalog, { now: NOW });
  t.equal(result.suggestions.length, 5);
  t.same(result.suggestions.map((s) => s.rank), [1, 2, 3, 4, 5]);
  for (const [a, b] of result.suggestions.slice(1).map((s, i) => [result.suggestions[i]!, s] as const)) {
    t.ok(a.score > b.score || (a.score === b.score && a.park.id < b.park.id), `${a.park.id} before ${b.park.id}`);
  }
  for (const s of result.suggestions) t.ok(s.score >= 0 && s.score <= 1 && Math.round(s.score * 1000) / 1000 === s.score);
  t.equal(matchLead(leadOf('人工智能'), seedCatalog, { now: NOW, topN: 2 }).suggestions.length, 2);
  t.same(
    result.industryCodes,
    [
      { code: 'I65', weight: 1, matchedTerms: ['人工智能'] },
      { code: 'ai', weight: 1, matchedTerms: ['人工智能'] },
    ],
    'the GB/T division (only the division is clear) and the focus code',
  );
});
