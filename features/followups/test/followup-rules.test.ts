import t from 'tap';
import { assessPriority } from '../src/rules/priority.ts';
import { followUpRules, type RuleResult } from '../src/rules/rules.ts';

const result = (fits: ['strong' | 'partial' | 'weak', string][]): RuleResult => ({
  hasStrongFit: fits.some(([fit]) => fit === 'strong'),
  suggestions: fits.map(([fit, id]) => ({ fit, park: { id } })),
});
const hot = { priority: 'hot' as const, reason: 'hot: test' };

t.test('priority: thresholds and reasons', async (t) => {
  const facts = { annualTaxWan: null, investmentWan: null, landMu: null };
  t.match(assessPriority({ ...facts, annualTaxWan: 2000, bestFit: 'strong' }), { priority: 'hot', reason: /best fit strong.*annual tax 2000 万元 ≥ 1000/ });
  t.equal(assessPriority({ ...facts, landMu: 100, bestFit: 'strong' }).priority, 'hot', 'land ≥ 100 亩 is large');
  t.equal(assessPriority({ ...facts, investmentWan: 99_999, bestFit: 'strong' }).priority, 'warm', 'just under large');
  t.equal(assessPriority({ ...facts, bestFit: 'strong' }).priority, 'warm', 'strong fit, size undeclared');
  t.equal(assessPriority({ ...facts, annualTaxWan: 5000, bestFit: 'weak' }).priority, 'warm', 'large at a weak fit');
  t.equal(assessPriority({ ...facts, annualTaxWan: 5000, bestFit: 'none' }).priority, 'cold', 'no suggestion at all');
  t.equal(assessPriority({ ...facts, annualTaxWan: 200, bestFit: 'partial' }).priority, 'warm', 'medium at a partial fit');
  t.equal(assessPriority({ ...facts, annualTaxWan: 199, bestFit: 'partial' }).priority, 'cold');
  t.match(assessPriority({ ...facts, bestFit: 'weak' }), { priority: 'cold', reason: /no large or medium size declared/ });
});

t.test('rules on a first run', async (t) => {
  const first = followUpRules({ previous: null, result: result([['strong', 'a'], ['partial', 'b'], ['weak', 'c'], ['weak', 'd']]), changes: null, priority: hot });
  t.same(
    first.create.map((spec) => [spec.kind, spec.parkId]),
    [['call_back', null], ['send_brochure', 'a'], ['send_brochure', 'b'], ['send_brochure', 'c'], ['site_visit', 'a']],
  );
  t.same(first.cancel, []);
  const noStrong = followUpRules({ previous: null, result: result([['partial', 'a']]), changes: null, priority: hot });
  t.same(noStrong.create.map((spec) => spec.kind), ['call_back', 'send_brochure', 'review']);
  const none = followUpRules({ previous: null, result: result([]), changes: null, priority: hot });
  t.same(none.create.map((spec) => spec.kind), ['call_back', 'review'], 'no suggestion: call back and review');
});

t.test('rules on a later run follow the changes', async (t) => {
  const previous = result([['partial', 'a'], ['partial', 'b'], ['weak', 'c'], ['weak', 'x']]);
  const next = result([['strong', 'd'], ['partial', 'a'], ['partial', 'b']]);
  const outcome = followUpRules({
    previous,
    result: next,
    changes: { enteredTop3: ['d'], dropped: ['x', 'c'], carriersGone: [{ parkId: 'a', carrierId: 'k1' }] },
    priority: hot,
  });
  t.same(outcome.create.map((spec) => [spec.kind, spec.parkId]), [['send_brochure', 'd'], ['site_visit', 'd']], 'no second call back');
  t.same(
    outcome.cancel.map((spec) => [spec.kind, spec.parkId]),
    [['review', null], ['send_brochure', 'x'], ['site_visit', 'x'], ['send_brochure', 'c'], ['site_visit', 'c']],
  );
  t.match(outcome.notes, [{ kind: 'send_brochure', parkId: 'a', note: /k1/ }, { kind: 'site_visit', parkId: 'a' }]);

  const same = followUpRules({ previous: next, result: next, changes: null, priority: hot });
  t.same(same, { create: [], cancel: [], notes: [] }, 'an unchanged run asks for nothing');
  const lost = followUpRules({ previous: next, result: result([['partial', 'a']]), changes: null, priority: hot });
  t.same(lost.create.map((spec) => spec.kind), ['review'], 'losing the strong fit asks for a review');
});
