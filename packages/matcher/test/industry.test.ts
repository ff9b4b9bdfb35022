import t from 'tap';
import { matchLead } from '../src/index.ts';
import { CLUSTER_SHARE, FOCUS_SHARE, FOCUS_VALUES } from '../src/weights.ts';
import { catalogWith, fact, focus, leadClassifiedAs, park, policy, reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };

t.test('an exact match on a lead focus is strong; the reason quotes the lead and cites the focus', async (t) => {
  const catalog = catalogWith({ parks: [park('md', { industries: [focus('medical-devices')] })] });
  const result = matchLead(leadOf('高端医疗器械研发'), catalog, ALL);
  const suggestion = suggestionFor(result, 'md');
  const industry = reasonOf(suggestion, 'industry');
  t.equal(industry.score, FOCUS_SHARE);
  t.equal(suggestion?.fit, 'strong');
  t.same(industry.matchedTerms, ['高端医疗器械']);
  t.match(industry.zh, /即为园区主导产业“医疗器械”/);
  t.match(industry.en, /is exactly the park's lead focus "Medical devices"/);
  t.same(industry.evidence, [{ source: 'src-000', locator: '测试用' }]);
});

t.test('lead focus counts more than secondary focus', async (t) => {
  const catalog = catalogWith({
    parks: [park('lead', { industries: [focus('medical-devices')] }), park('second', { industries: [focus('medical-devices', 'secondary')] })],
  });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  t.equal(reasonOf(suggestionFor(result, 'second'), 'industry').score, Math.round(FOCUS_SHARE * FOCUS_VALUES.secondary * 1000) / 1000);
  t.ok(suggestionFor(result, 'lead')!.score > suggestionFor(result, 'second')!.score);
  t.equal(suggestionFor(result, 'second')?.fit, 'strong', 'exact on a secondary focus is still strong');
});

t.test('parent and child relations: strong on a lead focus, partial on a secondary one', async (t) => {
  const catalog = catalogWith({
    parks: [
      park('biomed-lead', { industries: [focus('biomed')] }),
      park('biomed-secondary', { industries: [focus('biomed', 'secondary')] }),
      park('devices-lead', { industries: [focus('medical-devices')] }),
    ],
  });
  const devices = matchLead(leadOf('医疗器械'), catalog, ALL);
  t.equal(suggestionFor(devices, 'biomed-lead')?.fit, 'strong', 'park focus is the parent');
  t.equal(suggestionFor(devices, 'biomed-secondary')?.fit, 'partial');
  t.match(reasonOf(suggestionFor(devices, 'biomed-lead'), 'industry').zh, /属于园区主导产业“生物医药”/);
  const broad = matchLead(leadOf('生物医药'), catalog, ALL);
  t.equal(suggestionFor(broad, 'devices-lead')?.fit, 'strong', 'park focus is a child');
  t.match(reasonOf(suggestionFor(broad, 'devices-lead'), 'industry').en, /covers the narrower the park's lead focus/);
});

t.test('a related industry is partial, never strong', async (t) => {
  const catalog = catalogWith({ parks: [park('health', { industries: [focus('health')] })] });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  const suggestion = suggestionFor(result, 'health');
  t.equal(suggestion?.fit, 'partial');
  t.match(reasonOf(suggestion, 'industry').zh, /关联园区主导产业“大健康”/);
  t.equal(result.hasStrongFit, false);
  t.match(result.summary.zh, /^没有找到强匹配的园区：最接近的测试园区health也只是部分匹配，因为其产业方向与企业行业（C358 医疗仪器设备及器械制造、医疗器械）不直接对应。$/);
  t.match(result.summary.en, /^No park is a strong fit: the closest, Test park health, is only a partial fit because its industry focus does not correspond to the lead's \(C358 .+, Medical devices\)\.$/);
});

t.test('cluster facts in the lead industry raise the score, bounded', async (t) => {
  const facts = [1, 2, 3, 4, 5, 6].map((n) => fact(`f${n}`, 'strong-cluster', 'medical-devices'));
  const catalog = catalogWith({
    parks: [park('plain', { industries: [focus('medical-devices')] }), park('strong-cluster', { industries: [focus('medical-devices')] })],
    clusterFacts: [...facts, fact('other', 'plain', 'acoustics'), fact('target', 'plain', 'medical-devices', 'other')],
  });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  t.equal(reasonOf(suggestionFor(result, 'plain'), 'industry').score, FOCUS_SHARE, 'facts of another industry or of no strength metric do not count');
  const strong = reasonOf(suggestionFor(result, 'strong-cluster'), 'industry');
  t.equal(strong.score, FOCUS_SHARE + CLUSTER_SHARE);
  t.ok(strong.score! <= 1);
  t.match(strong.zh, /集群实力：6 项相关事实/);
  t.equal(strong.evidence.length, 1, 'the same source reference is cited once');
});

t.test('an unrecognised industry: factor unknown, no strong fit, the summary says so', async (t) => {
  const catalog = catalogWith({ parks: [park('md', { industries: [focus('medical-devices')] })] });
  const result = matchLead(leadOf('随便什么东西', { uses: ['office'] }), catalog, ALL);
  t.same(result.industryCodes, []);
  t.equal(result.hasStrongFit, false);
  t.match(result.summary.zh, /未识别出企业的行业（“随便什么东西”）/);
  t.match(result.summary.en, /industry \("随便什么东西"\) was not recognised/);
  t.same(result.suggestions, [], 'nothing else about the park suits the lead, so it is left out');
});

t.test('a park whose focus the catalog does not list: unknown, not unrelated', async (t) => {
  const catalog = catalogWith({ parks: [park('blank')], policies: [policy('p', { parkIds: ['blank'], industries: ['biomed'] })] });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  const industry = reasonOf(suggestionFor(result, 'blank'), 'industry');
  t.equal(industry.score, null);
  t.match(industry.zh, /目录未列出该园区的产业方向/);
  t.equal(suggestionFor(result, 'blank')?.fit, 'weak');
});

t.test('a side mention (classification weight below 0.5) cannot make a match strong', async (t) => {
  const catalog = catalogWith({ parks: [park('semi', { industries: [focus('semiconductors')] })] });
  const lead = leadClassifiedAs(['acoustics', 'semiconductors']);
  lead.classification.matches[1]!.weight = 0.4;
  const result = matchLead(lead, catalog, ALL);
  t.equal(suggestionFor(result, 'semi')?.fit, 'partial');
});
