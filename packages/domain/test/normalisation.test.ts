import t from 'tap';
import { toSimplified } from '../src/chinese.ts';
import { normalizeLeadInput, normalizeLeadPatch, toLeadView, type LeadRecord } from '../src/lead-record.ts';
import { type LeadInput } from '../src/lead.ts';
import { squareMetresToMu, toSquareMetres, toWanCny } from '../src/units.ts';

t.test('units: 亩, m² and hectares; 元 and 万元', async (t) => {
  t.equal(toSquareMetres(15, 'mu'), 10_000);
  t.equal(toSquareMetres(1, 'ha'), 10_000);
  t.equal(toSquareMetres(250, 'm2'), 250);
  t.equal(squareMetresToMu(10_000), 15);
  t.equal(toWanCny(20_000_000, 'cny'), 2000);
  t.equal(toWanCny(2000, 'wan_cny'), 2000);
});

t.test('Traditional Chinese becomes mainland Simplified, with Taiwan terms', async (t) => {
  t.equal(toSimplified('積體電路'), '集成电路');
  t.equal(toSimplified('軟體與人工智慧'), '软件与人工智能');
  t.equal(toSimplified('醫療器械'), '医疗器械');
  t.equal(toSimplified('生物医药 biotech'), '生物医药 biotech', 'Simplified and English pass through');
});

const input: LeadInput = {
  externalId: 'X-1',
  company: { name: ' 某公司 ' },
  contact: { name: '张伟', phone: '138 1234 5678', email: 'A@B.CN' },
  industry: '醫療器械',
  uses: ['production', 'production', 'office'],
  land: { area: 30, unit: 'mu' },
  building: { area: 1, unit: 'ha', tenure: 'rent' },
  annualTax: { amount: 5_000_000, unit: 'cny' },
  regions: ['蘇州', '苏州'],
};

t.test('input is normalised to canonical units and Simplified text', async (t) => {
  const needs = normalizeLeadInput(input);
  t.match(needs, {
    companyName: '某公司',
    contactPhone: '+8613812345678',
    contactEmail: 'a@b.cn',
    industry: '医疗器械',
    uses: ['production', 'office'],
    landM2: 20_000,
    buildingM2: 10_000,
    buildingTenure: 'rent',
    annualTaxWan: 500,
    investmentWan: null,
    regions: ['苏州'],
    notes: null,
  });
});

t.test('a patch names only what changes, and null clears', async (t) => {
  t.same(normalizeLeadPatch({ land: null, notes: null }), { landM2: null, notes: null });
  t.same(normalizeLeadPatch({ building: { area: 3, unit: 'mu', tenure: 'buy' } }), { buildingM2: 2000, buildingTenure: 'buy' });
  t.same(Object.keys(normalizeLeadPatch({ employees: 3 })), ['employees']);
});

t.test('the view shows areas in both m² and 亩, rounded', async (t) => {
  const now = new Date('2026-11-21T00:00:00.000Z');
  const record: LeadRecord = {
    ...normalizeLeadInput({ ...input, land: { area: 1000, unit: 'm2' } }),
    id: '00000000-0000-4000-8000-000000000001',
    ownerKey: 'key_x',
    externalId: 'X-1',
    status: 'pending',
    statusReason: null,
    createdAt: now,
    updatedAt: now,
    erasedAt: null,
    industryCodes: [],
  };
  const view = toLeadView(record);
  t.same(view.land, { m2: 1000, mu: 1.5 });
  t.same(view.building, { m2: 10_000, mu: 15, tenure: 'rent' });
  t.same(view.annualTax, { wanCny: 500 });
  t.equal(view.createdAt, '2026-11-21T00:00:00.000Z');
});

t.test('Simplified text is left exactly as typed', async (t) => {
  for (const text of ['核心零部件', '智慧城市', '嵌入式程序开发', '医学影像设备']) t.equal(toSimplified(text), text);
});
