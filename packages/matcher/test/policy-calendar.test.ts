import t from 'tap';
import { matchFacts, sameMatchAt } from '../src/index.ts';
import { catalogOf, leadOf, seedSnapshot } from './support/seed-catalog.ts';

/** The seed catalog with policies coming into force and lapsing through 2026 (the seed itself dates one). */
const months = ['01', '03', '05', '07', '09', '11'];
const policies = seedSnapshot.policies.map((policy, i) =>
  i % 3 === 0 ? { ...policy, validTo: `2026-${months[i % months.length]}-10` } : i % 3 === 1 ? { ...policy, validFrom: `2026-${months[(i + 2) % months.length]}-20` } : policy,
);
const seedCatalog = catalogOf({ ...seedSnapshot, policies });
const days = [...new Set(policies.flatMap((policy) => [policy.validFrom, policy.validTo]).filter((day) => day !== null))].sort();
const at = (day: string, hours = 12) => new Date(`${day}T${String(hours).padStart(2, '0')}:00:00Z`);
const dayAfter = (day: string, n = 1) => new Date(at(day).getTime() + n * 86_400_000).toISOString().slice(0, 10);
const lead = leadOf('抗体药物研发生产', { uses: ['rnd', 'production'], policyInterests: ['financing', 'subsidy', 'talent'], regions: ['苏州'] });
const facts = (when: Date) => JSON.stringify(matchFacts(lead, seedCatalog, { now: when }));

t.ok(days.length > 2, `the catalog has ${days.length} validity boundaries`);

t.test('on one day, any two times match alike', async (t) => {
  t.ok(sameMatchAt(seedCatalog, at(days[0]!, 0), at(days[0]!, 23)));
});

t.test('a policy starting or lapsing on a day between the two times may change the facts', async (t) => {
  for (const day of days) {
    t.notOk(sameMatchAt(seedCatalog, at(dayAfter(day, -1)), at(day)), `${day} itself counts`);
    t.notOk(sameMatchAt(seedCatalog, at(day), at(dayAfter(day))), `the day after ${day} too`);
  }
});

t.test('between boundaries the facts are the same, as sameMatchAt says', async (t) => {
  let checked = 0;
  for (const [i, day] of days.slice(0, -1).entries()) {
    const next = days[i + 1]!;
    const from = dayAfter(day);
    const to = dayAfter(next, -1);
    if (from >= to) continue;
    t.ok(sameMatchAt(seedCatalog, at(from), at(to)), `${from} to ${to}`);
    t.equal(facts(at(from)), facts(at(to)), `and matchFacts agrees from ${from} to ${to}`);
    checked++;
  }
  t.ok(checked > 0, `${checked} quiet stretches checked`);
  const changed = days.filter((day) => facts(at(dayAfter(day, -1))) !== facts(at(dayAfter(day))));
  t.ok(changed.length > 0, 'and across some boundary the facts do change, so the check is not vacuous');
});
