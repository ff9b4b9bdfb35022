import t from 'tap';
import { matchLead } from '../src/index.ts';
import { catalogWith, focus, NINGBO, park, policy, reasonOf, round3, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW } from './support/seed-catalog.ts';

const ALL = { now: NOW, topN: 100 };
const devicePark = (id: string, region = park(id).region) => park(id, { industries: [focus('medical-devices')], region });

t.test('an expired or not yet valid policy is ignored', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('md')],
    policies: [
      policy('expired', { parkIds: ['md'], validTo: '2024-12-31' }),
      policy('future', { parkIds: ['md'], validFrom: '2026-01-01' }),
    ],
  });
  const suggestion = suggestionFor(matchLead(leadOf('医疗器械'), catalog, ALL), 'md');
  const reason = reasonOf(suggestion, 'policies');
  t.equal(reason.score, null, 'no policy in force: unknown');
  t.match(reason.zh, /另有 2 项已失效或尚未生效，未计入/);
  t.same(suggestion?.policies, []);

  const lastDay = matchLead(leadOf('医疗器械'), catalog, { ...ALL, now: new Date('2024-12-31T12:00:00Z') });
  t.match(suggestionFor(lastDay, 'md')?.policies, [{ id: 'expired' }], 'validTo is inclusive');
});

t.test('region-wide policies reach parks of their province, and of their city when they name one', async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('suzhou'), devicePark('nanjing', { province: '江苏省', city: '南京市', district: null }), devicePark('ningbo', NINGBO)],
    policies: [
      policy('jiangsu-wide', { region: { province: '江苏省', city: null, district: null } }),
      policy('suzhou-only', { region: { province: '江苏省', city: '苏州市', district: null } }),
    ],
  });
  const result = matchLead(leadOf('医疗器械'), catalog, ALL);
  t.match(suggestionFor(result, 'suzhou')?.policies.map((p) => p.id).sort(), ['jiangsu-wide', 'suzhou-only']);
  t.same(suggestionFor(result, 'nanjing')?.policies.map((p) => p.id), ['jiangsu-wide']);
  t.equal(reasonOf(suggestionFor(result, 'ningbo'), 'policies').score, null);
});

t.test("a policy's industries must include the lead's (exact, parent or child); [] serves all", async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('md')],
    policies: [
      policy('biomed', { parkIds: ['md'], industries: ['biomed'] }),
      policy('acoustics', { parkIds: ['md'], industries: ['acoustics'] }),
      policy('everyone', { parkIds: ['md'] }),
    ],
  });
  const suggestion = suggestionFor(matchLead(leadOf('医疗器械'), catalog, ALL), 'md');
  t.same(suggestion?.policies.map((p) => p.id), ['biomed', 'everyone'], 'industry-specific first');
  const reason = reasonOf(suggestion, 'policies');
  t.equal(reason.score, round3(1 - 0.5 ** 1.5));
  t.match(reason.zh, /2 项现行政策适用，其中 1 项专门面向企业所在产业/);
  t.same(reason.matchedTerms, ['医疗器械']);
  t.equal(reason.evidence.length, 1);
});

t.test("a policy's kind must be one the lead asked about; land and tax policies serve a lead needing land", async (t) => {
  const catalog = catalogWith({
    parks: [devicePark('md')],
    policies: [
      policy('talent', { parkIds: ['md'], kind: 'talent' }),
      policy('subsidy', { parkIds: ['md'], kind: 'subsidy' }),
      policy('land', { parkIds: ['md'], kind: 'land' }),
    ],
  });
  const ids = (overrides: Parameters<typeof leadOf>[1]) => suggestionFor(matchLead(leadOf('医疗器械', overrides), catalog, ALL), 'md')?.policies.map((p) => p.id);
  t.same(ids({}), ['land', 'subsidy', 'talent'], 'no interests named: every kind');
  t.same(ids({ policyInterests: ['talent'] }), ['talent']);
  t.same(ids({ policyInterests: ['talent'], landM2: 20_000 }), ['land', 'talent']);
  const none = reasonOf(suggestionFor(matchLead(leadOf('医疗器械', { policyInterests: ['listing'] }), catalog, ALL), 'md'), 'policies');
  t.equal(none.score, 0);
  t.match(none.zh, /有 3 项现行政策覆盖该园区，但没有一项面向企业的行业或企业关注的政策类型（上市）/);
});
