import t from 'tap';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { normalizeMatchInput, type MatchInput } from '@leadmatch/domain';
import { LEAD_EXAMPLES } from '@leadmatch/leads';
import { catalogLookup, matchFacts, renderMatch, toMatchLead } from '@leadmatch/matcher';
import { pdfText } from '@leadmatch/testing';
import { briefData, briefFonts, drawable, MISSING_CHARACTER, renderBrief } from '../src/index.ts';

const catalog = await loadSeedCatalog();
const fonts = await briefFonts();
const now = new Date('2026-12-06T08:00:00Z');

function briefOf(input: MatchInput, companyName: string | null = null) {
  const needs = normalizeMatchInput(input);
  const result = renderMatch(matchFacts(toMatchLead(needs, catalog.classifier.classify), catalog, { now }), catalogLookup(catalog));
  return { result, data: briefData({ leadId: null, needs: { ...needs, companyName }, result, catalog, matchedAt: now, generatedAt: now }) };
}

/** Extracted text has no line structure to rely on: compare without whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

for (const [name, example] of Object.entries(LEAD_EXAMPLES)) {
  t.test(`the ${name} example's brief: 1–2 A4 pages with the headings, parks, versions and a source`, async (t) => {
    const { result, data } = briefOf(example.value, '苏州示例生物科技有限公司');
    const started = performance.now();
    const { pdf, pages } = await renderBrief(data, fonts);
    t.comment(`${name}: ${pdf.length} bytes, ${pages} page(s), ${Math.round(performance.now() - started)} ms`);
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    t.ok(pdf.length < 400 * 1024, `${pdf.length} bytes: the fonts are subset`);
    const extracted = await pdfText(pdf);
    t.equal(extracted.pages, pages);
    t.ok(pages >= 1 && pages <= 2, `${pages} page(s)`);
    const text = squeeze(extracted.text.join('\n'));
    for (const heading of ['选址建议书', '一、企业需求', '二、推荐园区', '三、资料来源', '苏州示例生物科技有限公司']) t.ok(text.includes(heading), heading);
    for (const suggestion of result.suggestions.slice(0, 3)) {
      t.ok(text.includes(squeeze(suggestion.park.name)), `park ${suggestion.park.name}`);
      if (suggestion.park.nameEn) t.ok(text.includes(squeeze(suggestion.park.nameEn)), `park ${suggestion.park.nameEn}`);
    }
    t.ok(text.includes(`园区目录版本：${result.catalogVersion}`), 'the catalog version');
    t.ok(text.includes(`匹配规则版本：${squeeze(result.rulesVersion)}`), 'the rules version');
    t.ok(text.includes('2026-12-06'), 'the date');
    t.ok(data.sources.length > 0, 'the reasons cite sources');
    t.ok(text.includes(squeeze(data.sources[0]!.title!)), `the first source: ${data.sources[0]!.title}`);
    t.notOk(/1[3-9]\d{9}/.test(text), 'no phone number');
  });
}

t.test('what the lead does not say is printed as unknown, never guessed', async (t) => {
  const { data } = briefOf({ industry: '医疗器械研发', uses: ['rnd'] });
  const rows = Object.fromEntries(data.needs.map((row) => [row.label, row.value]));
  t.equal(rows['用地需求'], null);
  t.equal(rows['建筑面积'], null);
  t.equal(rows['年纳税'], null);
  t.equal(rows['意向区域'], '未限定');
  const text = squeeze((await pdfText((await renderBrief(data, fonts)).pdf)).text.join('\n'));
  t.ok(text.includes('用地需求未知'), 'land: unknown');
  t.ok(text.includes('年纳税未知'), 'tax: unknown');
  t.ok(text.includes('企业名称未记载'), 'no company in a preview without one');
});

t.test('land is given in 亩 and m²', async (t) => {
  const { data } = briefOf({ industry: '新能源汽车零部件制造', uses: ['production'], land: { area: 30, unit: 'mu' } });
  t.equal(data.needs.find((row) => row.label === '用地需求')?.value, '30 亩（20,000 m²）');
});

t.test('every character of the catalog is in the typeface; one outside it becomes 〓 and still renders', async (t) => {
  const texts = [
    ...catalog.snapshot.parks.flatMap((park) => [park.name, park.nameEn]),
    ...catalog.snapshot.carriers.map((carrier) => carrier.label),
    ...catalog.snapshot.policies.map((policy) => policy.name),
    ...catalog.snapshot.platforms.map((platform) => platform.name),
    ...catalog.snapshot.sources.flatMap((source) => [source.title, source.publisher]),
  ];
  const missing = [...new Set(texts.join(''))].filter((char) => !fonts.covers(char.codePointAt(0)!));
  t.same(missing, [], 'no catalog character is missing');
  t.equal(drawable('吉𠮷科技', fonts), `吉${MISSING_CHARACTER}科技`, 'CJK Extension B is outside the typeface');
  const { data } = briefOf({ industry: '医疗器械研发', uses: ['rnd'] }, '𠮷野家（上海）餐饮有限公司');
  const text = squeeze((await pdfText((await renderBrief(data, fonts)).pdf)).text.join('\n'));
  t.ok(text.includes(`${MISSING_CHARACTER}野家（上海）餐饮有限公司`), 'the rest of the name is kept');
});

t.test('a brief too long for two pages at full size is laid out denser until it fits', async (t) => {
  const { data } = briefOf(LEAD_EXAMPLES.biomedicine.value);
  const wordy = {
    ...data,
    parks: data.parks.map((park) => ({ ...park, reasons: park.reasons.map((reason) => ({ ...reason, text: reason.text.repeat(2) })) })),
  };
  const { pdf, pages } = await renderBrief(wordy, fonts);
  t.ok(pages <= 2, `${pages} page(s)`);
  const text = squeeze((await pdfText(pdf)).text.join('\n'));
  for (const park of data.parks) t.ok(text.includes(squeeze(park.name)), `${park.name} still listed`);
});
