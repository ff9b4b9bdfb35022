import t from 'tap';
import { matchLead } from '../src/index.ts';
import { carrier, catalogWith, fact, focus, park, policy, reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { classifier, leadOf, NOW, seedCatalog } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const AIR_COMPRESSORS = '螺杆空压机研发制造';

t.test('a lead on GB/T 4754 meets a park focus through the focus mapping, and the reason names both sides', async (t) => {
  const catalog = catalogWith({ parks: [park('equipment', { industries: [focus('high-end-equipment')] })] });
  const result = matchLead(leadOf(AIR_COMPRESSORS), catalog, ALL);
  const suggestion = suggestionFor(result, 'equipment');
  t.equal(suggestion?.fit, 'strong', 'C3442 falls within high-end equipment, a lead focus');
  const industry = reasonOf(suggestion, 'industry');
  t.match(industry.zh, /C3442 气体压缩机械制造（依据“螺杆空压机”）属于园区主导产业“高端装备制造”/);
  t.match(industry.en, /C3442 Gas compressor manufacturing \(from "螺杆空压机"\) falls within the park's lead focus "High-end equipment manufacturing"/);
  t.same(industry.matchedTerms, ['螺杆空压机']);
  t.match(result.industryCodes, [{ code: 'C3442', weight: 1, matchedTerms: ['螺杆空压机'] }]);
});

t.test('a park focus declared on GB/T 4754: same division is one industry line, siblings are only related', async (t) => {
  const catalog = catalogWith({
    parks: [
      park('division', { industries: [focus('C34')] }),
      park('class', { industries: [focus('C3442')] }),
      park('sibling', { industries: [focus('C3441')] }),
      park('elsewhere', { industries: [focus('C3841')] }),
    ],
  });
  const result = matchLead(leadOf(AIR_COMPRESSORS), catalog, ALL);
  t.equal(suggestionFor(result, 'class')?.fit, 'strong');
  t.match(reasonOf(suggestionFor(result, 'class'), 'industry').zh, /即为园区主导产业“C3442 气体压缩机械制造”/);
  t.equal(suggestionFor(result, 'division')?.fit, 'strong');
  t.equal(suggestionFor(result, 'sibling')?.fit, 'partial', 'pumps and compressors share a group');
  t.match(reasonOf(suggestionFor(result, 'sibling'), 'industry').zh, /关联园区主导产业“C3441 泵及真空设备制造”/);
  t.notOk(suggestionFor(result, 'elsewhere')?.fit === 'strong');
});

t.test('the registered class is matched on when the text says nothing, and the summary says so', async (t) => {
  const catalog = catalogWith({ parks: [park('equipment', { industries: [focus('high-end-equipment')] })] });
  const text = '某某科技有限公司';
  const lead = { ...leadOf(text), classification: classifier.classify(text, 'C3442') };
  const result = matchLead(lead, catalog, ALL);
  t.equal(suggestionFor(result, 'equipment')?.fit, 'strong');
  t.match(result.summary.zh, /行业描述未能识别，按登记的行业代码C3442 气体压缩机械制造匹配。$/);
  t.match(result.summary.en, /matched on its registered class C3442 Gas compressor manufacturing\.$/);
});

t.test('when no park lists the industry as a focus, parks that fit otherwise are still listed, and the summary says why', async (t) => {
  const catalog = catalogWith({
    parks: [park('biomed', { industries: [focus('biomed')] }), park('bare')],
    carriers: [carrier('f1', 'biomed', 'standard-factory', { area: { value: 20000, unit: 'm2', qualifier: 'exact' }, status: 'available' })],
    clusterFacts: [fact('f-bio', 'biomed', 'biomed')],
  });
  const result = matchLead(leadOf('涤纶面料印染后整理', { buildingM2: 10000 }), catalog, ALL);
  t.ok(result.suggestions.length > 0, 'never an empty list while a park has a fitting carrier');
  t.ok(result.suggestions.every((s) => s.fit !== 'strong'));
  t.match(result.summary.zh, /^没有找到强匹配的园区：目录中没有园区把企业的行业（C1752 化纤织物染整精加工）或相关行业列为产业方向；以下 \d+ 个园区仅按载体、政策、服务平台和区域等其他条件列出/);
  t.match(result.summary.en, /no park in the catalog lists the lead's industry \(C1752 .+\) or a related one as a focus; the .+ listed on other grounds only/);
});

t.test("a policy instrument named in the lead's words counts whatever kinds it ticked, quoting both sides", async (t) => {
  const catalog = catalogWith({
    parks: [park('p')],
    policies: [
      policy('voucher', { name: '科技创新券通用通兑试点', kind: 'subsidy', region: { province: '江苏省', city: null, district: null }, industries: ['biomed'] }),
      policy('loan', { name: '苗圃贷', kind: 'financing', parkIds: ['p'] }),
      policy('other', { name: '人才安居', kind: 'talent', parkIds: ['p'], industries: ['biomed'] }),
    ],
  });
  const lead = leadOf('软件开发', { notes: '希望申请创新券，也想了解苗圃贷', policyInterests: ['listing'] });
  const suggestion = suggestionFor(matchLead(lead, catalog, ALL), 'p');
  t.same(suggestion?.policies.map((p) => p.id), ['loan', 'voucher'], 'named ones, not the biomed talent policy');
  const reason = reasonOf(suggestion, 'policies');
  t.match(reason.zh, /企业提到“创新券”，对应“科技创新券通用通兑试点”（来源 src-000：“测试用”）/);
  t.match(reason.zh, /企业提到“苗圃贷”，对应“苗圃贷”/);
  t.match(reason.en, /the lead's "创新券" names "科技创新券通用通兑试点" \(source src-000: "测试用"\)/);
  t.ok(reason.matchedTerms.includes('创新券') && reason.matchedTerms.includes('苗圃贷'));
});

t.test('a specialist sub-park shares its zone’s cluster and ranks at or above it for its own industry', async (t) => {
  const lead = leadOf('抗体药物研发生产', { uses: ['rnd', 'lab', 'pilot'], regions: ['苏州'] });
  const ids = matchLead(lead, seedCatalog, { now: NOW }).suggestions.map((s) => s.park.id);
  t.ok(ids.includes('sip-biobay') && ids.includes('sip'));
  t.ok(ids.indexOf('sip-biobay') < ids.indexOf('sip'), `苏州生物医药产业园 before 苏州工业园区: ${ids.join(', ')}`);
});
