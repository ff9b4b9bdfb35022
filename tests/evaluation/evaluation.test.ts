import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { createAjv, LeadInput, normalizeLeadInput } from '@leadmatch/domain';
import { matchLead, type MatchResult, toMatchLead } from '@leadmatch/matcher';

/**
 * Accuracy bars over the positive cases of leads.json (see README.md in this folder).
 * top-1: the first suggestion is one of the parks the officer expects.
 * top-3: at least one expected park is among the first three suggestions.
 * Measured on 2026-11-21 with the seed catalog (35 parks) and rules leadmatch-rules/1: top-1 53/54 = 98.1%,
 * top-3 54/54 = 100%; on 2026-12-06 with leadmatch-rules/2 (regions by GB/T 2260): top-1 52/54 = 96.3%,
 * top-3 53/54 = 98.1%, the two leads preferring 吴江 now also taking in the rest of 苏州市 as a city match.
 * The bars sit a little below (room for about three more top-1 misses and one top-3 miss out of 54), so
 * a scoring change that loses several cases fails here while retuning that moves
 * one borderline case does not. Never raise them above what is measured; lower them only with a reason.
 */
export const BARS = { top1: 0.9, top3: 0.95 } as const;

/** Fixed clock: policy validity is judged at this instant. */
const NOW = new Date('2026-11-21T00:00:00Z');

type Language = 'zh-Hans' | 'zh-Hant' | 'en';

interface EvalLead {
  id: string;
  language: Language;
  /** POST /v1/leads body without company and contact. */
  input: Omit<LeadInput, 'company' | 'contact'>;
  /** 1–3 park ids, most fitting first; empty for a negative case. */
  expected: string[];
  mustNotBeStrong?: boolean;
  why: string;
}

const dataset = JSON.parse(readFileSync(new URL('./leads.json', import.meta.url), 'utf8')) as { leads: EvalLead[] };
const leads = dataset.leads;
const positives = leads.filter((lead) => lead.expected.length > 0);
const negatives = leads.filter((lead) => lead.expected.length === 0);

/** The catalog as the service loads it, so platforms without a park count as they do in production. */
const catalog = await loadSeedCatalog();

const PLACEHOLDER = { company: { name: '评估样本' }, contact: { name: '评估', phone: '13800000000' } };

function run(lead: EvalLead): MatchResult {
  const needs = normalizeLeadInput({ ...PLACEHOLDER, ...lead.input });
  return matchLead(toMatchLead(needs, catalog.classifier.classify), catalog, { now: NOW });
}

const describeTop = (result: MatchResult, n = 3) =>
  result.suggestions
    .slice(0, n)
    .map((s) => `${s.park.id}(${s.fit} ${s.score.toFixed(2)})`)
    .join(', ') || '—';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

t.test('the dataset is well formed', async (t) => {
  const validate = createAjv({ coerceTypes: false }).compile(LeadInput);
  const ids = new Set<string>();
  for (const lead of leads) {
    t.notOk(ids.has(lead.id), `${lead.id} is unique`);
    ids.add(lead.id);
    t.ok(['zh-Hans', 'zh-Hant', 'en'].includes(lead.language), `${lead.id}: language`);
    const body = structuredClone({ ...PLACEHOLDER, ...lead.input });
    t.ok(validate(body), `${lead.id}: input is a valid POST /v1/leads body`, { errors: validate.errors });
    t.ok(lead.why.trim().length > 0, `${lead.id}: says why`);
    if (lead.expected.length === 0) {
      t.equal(lead.mustNotBeStrong, true, `${lead.id}: a negative case must not be strong`);
    } else {
      t.ok(lead.expected.length <= 3, `${lead.id}: 1–3 expected parks`);
      t.equal(new Set(lead.expected).size, lead.expected.length, `${lead.id}: no repeated park`);
      for (const id of lead.expected) t.ok(catalog.index.parks.has(id), `${lead.id}: ${id} is a catalogued park`);
    }
  }
  const byLanguage = (language: Language) => leads.filter((lead) => lead.language === language).length;
  t.ok(leads.length >= 36, `${leads.length} leads`);
  t.ok(byLanguage('zh-Hant') >= 8, `${byLanguage('zh-Hant')} in Traditional Chinese`);
  t.ok(byLanguage('en') >= 8, `${byLanguage('en')} in English`);
  t.ok(negatives.length >= 8, `${negatives.length} negative cases`);
});

t.test('top-1 and top-3 accuracy over the positive cases', async (t) => {
  let top1 = 0;
  let top3 = 0;
  let strictTop1 = 0;
  const misses: string[] = [];
  const notFirstChoice: string[] = [];
  const perLanguage = new Map<Language, { n: number; top1: number; top3: number }>();
  for (const lead of positives) {
    const result = run(lead);
    const got = result.suggestions.map((s) => s.park.id);
    const hit1 = got[0] !== undefined && lead.expected.includes(got[0]);
    const hit3 = got.slice(0, 3).some((id) => lead.expected.includes(id));
    if (hit1) top1 += 1;
    if (hit3) top3 += 1;
    if (got[0] === lead.expected[0]) strictTop1 += 1;
    else if (hit1) notFirstChoice.push(`${lead.id.padEnd(34)} officer's first ${lead.expected[0]} | got ${describeTop(result)}`);
    const stats = perLanguage.get(lead.language) ?? { n: 0, top1: 0, top3: 0 };
    perLanguage.set(lead.language, { n: stats.n + 1, top1: stats.top1 + Number(hit1), top3: stats.top3 + Number(hit3) });
    if (!hit1) {
      const codes = result.industryCodes.map((c) => c.code).join('+') || 'no industry';
      misses.push(
        `${hit3 ? 'top-3 ' : 'MISS  '} ${lead.id.padEnd(34)} expected ${lead.expected.join(', ')} | got ${describeTop(result)} | ${codes}`,
      );
    }
  }
  const acc1 = top1 / positives.length;
  const acc3 = top3 / positives.length;
  t.comment(`positive cases: ${positives.length}; top-1 ${top1}/${positives.length} = ${pct(acc1)}; top-3 ${top3}/${positives.length} = ${pct(acc3)}`);
  t.comment(`strict top-1 (first suggestion = the officer's first choice; informational): ${strictTop1}/${positives.length} = ${pct(strictTop1 / positives.length)}`);
  for (const [language, s] of perLanguage) {
    t.comment(`  ${language.padEnd(7)} n=${s.n} top-1 ${pct(s.top1 / s.n)} top-3 ${pct(s.top3 / s.n)}`);
  }
  if (misses.length > 0) {
    t.comment('not first (top-3 = an expected park among the first three; MISS = none):');
    for (const line of misses) t.comment(`  ${line}`);
  }
  if (notFirstChoice.length > 0) {
    t.comment('first suggestion expected, but not the officer\'s first choice:');
    for (const line of notFirstChoice) t.comment(`  ${line}`);
  }
  t.ok(acc1 >= BARS.top1, `top-1 ${pct(acc1)} ≥ ${pct(BARS.top1)}`);
  t.ok(acc3 >= BARS.top3, `top-3 ${pct(acc3)} ≥ ${pct(BARS.top3)}`);
});

t.test('no strong suggestion for an industry no park serves', async (t) => {
  for (const lead of negatives) {
    const result = run(lead);
    const strong = result.suggestions.filter((s) => s.fit === 'strong');
    t.comment(`  ${lead.id.padEnd(30)} ${describeTop(result)} | hasStrongFit=${result.hasStrongFit}`);
    t.equal(strong.length, 0, `${lead.id}: no strong suggestion`, { strong: strong.map((s) => s.park.id) });
    t.equal(result.hasStrongFit, false, `${lead.id}: hasStrongFit is false`);
  }
});
