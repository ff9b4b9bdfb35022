import { readFileSync } from 'node:fs';
import t from 'tap';
import { loadSeedCatalog } from '@leadmatch/catalog';
import type { Classification, Taxonomy } from '@leadmatch/catalog-core';

/**
 * The classifier over industry-breadth.json: descriptions as enterprises write them, across the
 * economy, each with the GB/T 4754-2017 class and division an officer would register (see README.md).
 * recognised: a GB/T answer at all; division: the answer lies in the expected division; class: the
 * answer is the expected class. Negative cases must come back unmatched.
 * Targets (issue 13): recognised ≥ 98 %, division ≥ 95 %, class ≥ 80 %. Measured on 2026-12-05 over all
 * 424 cases: 99.8 %, 95.0 %, 89.9 % (held-out part: 98.8 %, 85.9 %, 74.1 %). The bars guard what is
 * measured. Never raise a bar above what is measured; lower one only with a reason.
 */
export const BREADTH_BARS = { recognised: 0.98, division: 0.95, class: 0.8 } as const;

type Language = 'zh-Hans' | 'zh-Hant' | 'en';

interface BreadthCase {
  id: string;
  language: Language;
  text: string;
  expectedClass: string | null;
  expectedDivision: string | null;
  heldOut: boolean;
}

const { cases } = JSON.parse(readFileSync(new URL('./industry-breadth.json', import.meta.url), 'utf8')) as { cases: BreadthCase[] };
const positives = cases.filter((c) => c.expectedClass !== null);
const negatives = cases.filter((c) => c.expectedClass === null);

const catalog = await loadSeedCatalog();
const { taxonomy, classifier } = catalog;

const divisionOf = (tax: Taxonomy, code: string) => [code, ...tax.ancestors(code)].find((line) => tax.get(line)?.level === 'division') ?? null;

interface Verdict {
  case: BreadthCase;
  result: Classification;
  recognised: boolean;
  division: boolean;
  class: boolean;
}

function judge(c: BreadthCase): Verdict {
  const result = classifier.classify(c.text);
  const answer = result.standard[0];
  return {
    case: c,
    result,
    recognised: answer !== undefined,
    division: answer !== undefined && divisionOf(taxonomy, answer.code) === c.expectedDivision,
    class: answer?.code === c.expectedClass,
  };
}

const verdicts = positives.map(judge);
const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);

function figures(subset: Verdict[]) {
  const count = (key: 'recognised' | 'division' | 'class') => subset.filter((v) => v[key]).length;
  return { n: subset.length, recognised: count('recognised'), division: count('division'), class: count('class') };
}

function row(label: string, subset: Verdict[]): string {
  const f = figures(subset);
  return `| ${label} | ${f.n} | ${pct(f.recognised, f.n)} | ${pct(f.division, f.n)} | ${pct(f.class, f.n)} |`;
}

const answerText = (v: Verdict) => {
  const answer = v.result.standard[0];
  return answer ? `${answer.code} ${taxonomy.get(answer.code)!.name.zhHans} (${answer.level}, ${answer.matchedTerms.join('/')})` : 'unrecognised';
};

t.test('the breadth set is well formed', async (t) => {
  const ids = new Set<string>();
  for (const c of cases) {
    t.notOk(ids.has(c.id), `${c.id} is unique`);
    ids.add(c.id);
    if (c.expectedClass === null) continue;
    t.equal(taxonomy.get(c.expectedClass)?.level, 'class', `${c.id}: ${c.expectedClass} is a GB/T class`);
    t.equal(divisionOf(taxonomy, c.expectedClass), c.expectedDivision, `${c.id}: ${c.expectedClass} lies in ${c.expectedDivision}`);
  }
  t.ok(positives.length >= 300, `${positives.length} descriptions`);
  const perDivision = new Map<string, number>();
  for (const c of positives) perDivision.set(c.expectedDivision!, (perDivision.get(c.expectedDivision!) ?? 0) + 1);
  const required = taxonomy.all().filter((industry) => industry.level === 'division' && /^(C|D|I|M)/.test(industry.code));
  for (const division of required) t.ok((perDivision.get(division.code) ?? 0) >= 3, `${division.code}: at least three cases`);
  for (const language of ['zh-Hans', 'zh-Hant', 'en'] as const) {
    t.ok(positives.filter((c) => c.language === language).length >= 60, `${language}: at least 60 cases`);
  }
});

t.test('classifies descriptions across the economy', async (t) => {
  const all = figures(verdicts);
  const lines = [
    '| subset | cases | recognised | division right | class right |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('all', verdicts),
    row('tuned on (heldOut: false)', verdicts.filter((v) => !v.case.heldOut)),
    row('held out', verdicts.filter((v) => v.case.heldOut)),
    ...(['zh-Hans', 'zh-Hant', 'en'] as const).map((language) => row(language, verdicts.filter((v) => v.case.language === language))),
  ];
  t.comment(`\n${lines.join('\n')}`);
  const wrong = verdicts.filter((v) => !v.class);
  t.comment(
    `\nNot the expected class (${wrong.length}):\n` +
      wrong.map((v) => `${v.case.heldOut ? '[held out] ' : ''}${v.case.id} ${v.case.text} → ${answerText(v)}; expected ${v.case.expectedClass} ${taxonomy.get(v.case.expectedClass!)!.name.zhHans}`).join('\n'),
  );
  t.ok(all.recognised / all.n >= BREADTH_BARS.recognised, `recognised ${pct(all.recognised, all.n)} ≥ ${BREADTH_BARS.recognised * 100}%`);
  t.ok(all.division / all.n >= BREADTH_BARS.division, `division right ${pct(all.division, all.n)} ≥ ${BREADTH_BARS.division * 100}%`);
  t.ok(all.class / all.n >= BREADTH_BARS.class, `class right ${pct(all.class, all.n)} ≥ ${BREADTH_BARS.class * 100}%`);
});

t.test('text that names no economic activity stays unmatched', async (t) => {
  for (const c of negatives) {
    const result = classifier.classify(c.text);
    t.ok(result.unmatched, `${c.id} ${JSON.stringify(c.text)} is unmatched`, { found: result.matches.map((match) => match.code) });
  }
});
