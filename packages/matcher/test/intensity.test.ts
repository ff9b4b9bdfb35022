import t from 'tap';
import { matchLead } from '../src/index.ts';
import { catalogWith, focus, park, REF, reasonOf, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW, seedCatalog } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const MU = 10_000 / 15;

t.test('thresholds unknown (every seed park): neutral, says so, and still states the lead figures', async (t) => {
  const lead = leadOf('医疗器械', { landM2: 30 * MU, annualTaxWan: 900, investmentWan: 15_000, regions: ['苏州'] });
  const result = matchLead(lead, seedCatalog, ALL);
  t.ok(result.suggestions.length > 0);
  for (const suggestion of result.suggestions) {
    const reason = reasonOf(suggestion, 'intensity');
    t.equal(reason.score, null, suggestion.park.id);
    t.match(reason.zh, /目录未记载该园区的亩均税收和亩均投资门槛，此项按中性处理（不计分）；企业自报亩均税收 30 万元\/亩、亩均投资 500 万元\/亩/);
    t.match(reason.en, /records no tax-per-mu or investment-per-mu floor.*neutral.*tax per mu 30 万元\/亩, investment per mu 500 万元\/亩/);
  }
  const noLand = reasonOf(matchLead(leadOf('医疗器械', { annualTaxWan: 900 }), seedCatalog, ALL).suggestions[0], 'intensity');
  t.match(noLand.zh, /企业未提供用地面积，无法计算其亩均指标/);
});

const floors = catalogWith({
  parks: [
    park('strict', {
      industries: [focus('medical-devices')],
      thresholds: { minTaxPerMuWan: 50, minInvestmentPerMuWan: 400, evidence: REF },
    }),
  ],
});

t.test('known thresholds: the gap is stated, a shortfall blocks strong', async (t) => {
  const lead = leadOf('医疗器械', { landM2: 20 * MU, annualTaxWan: 600, investmentWan: 10_000 });
  const suggestion = suggestionFor(matchLead(lead, floors, ALL), 'strict');
  const reason = reasonOf(suggestion, 'intensity');
  t.equal(reason.score, (30 / 50 + 1) / 2);
  t.match(reason.zh, /亩均税收需 ≥ 50 万元\/亩，企业为 30 万元\/亩（差 20 万元\/亩）/);
  t.match(reason.zh, /亩均投资需 ≥ 400 万元\/亩，企业为 500 万元\/亩（达标）/);
  t.match(reason.en, /tax per mu needs ≥ 50 万元\/亩; lead gives 30 万元\/亩 \(short by 20 万元\/亩\)/);
  t.same(reason.evidence, [REF]);
  t.equal(suggestion?.fit, 'partial');
});

t.test('known thresholds met: full score and strong', async (t) => {
  const lead = leadOf('医疗器械', { landM2: 10 * MU, annualTaxWan: 600, investmentWan: 5_000 });
  const suggestion = suggestionFor(matchLead(lead, floors, ALL), 'strict');
  t.equal(reasonOf(suggestion, 'intensity').score, 1);
  t.equal(suggestion?.fit, 'strong');
});

t.test('known thresholds but no figures from the lead: neutral, and says why', async (t) => {
  const reason = reasonOf(suggestionFor(matchLead(leadOf('医疗器械'), floors, ALL), 'strict'), 'intensity');
  t.equal(reason.score, null);
  t.match(reason.zh, /亩均税收需 ≥ 50 万元\/亩，企业未提供可比数据.*无法比较，此项不计分/);
});
