import t from 'tap';
import { factorScores } from '../src/assess-park.ts';
import { FACTORS, matchLead, RULES_VERSION, type Factor } from '../src/index.ts';
import { combinedScore } from '../src/score.ts';
import { FACTOR_WEIGHTS, NEUTRAL_SCORE, NO_RELATION_FACTOR } from '../src/weights.ts';
import { carrier, catalogWith, focus, park, suggestionFor } from './support/catalog-builder.ts';
import { leadOf, NOW } from './support/seed-catalog.ts';

const scores = (known: Partial<Record<Factor, number>>) => FACTORS.map((factor) => known[factor] ?? null);

t.test('factorScores lists the factors in FACTORS order', async (t) => {
  const factors = {
    industry: { score: 0.1, related: true, strongMatch: false },
    carriers: 0.2,
    policies: 0.3,
    intensity: { score: 0.4, checks: [], belowFloor: false },
    region: { score: 0.5, matched: [], places: [], level: null },
    platforms: 0.6,
  };
  const expected: Record<Factor, number> = { industry: 0.1, carriers: 0.2, policies: 0.3, intensity: 0.4, region: 0.5, platforms: 0.6 };
  t.same(factorScores(factors), FACTORS.map((factor) => expected[factor]));
});

t.test('the weights sum to 1', async (t) => {
  t.equal(Math.round(Object.values(FACTOR_WEIGHTS).reduce((sum, w) => sum + w, 0) * 1e9) / 1e9, 1);
});

t.test('every factor known: the weighted mean', async (t) => {
  const all = scores({ industry: 1, carriers: 0.5, policies: 1, intensity: 1, region: 1, platforms: 0 });
  t.equal(combinedScore(all, true), Math.round((1 - FACTOR_WEIGHTS.carriers * 0.5 - FACTOR_WEIGHTS.platforms) * 1000) / 1000);
});

t.test('unknown factors are left out of the mean, which is renormalised over the known ones', async (t) => {
  const poor = scores({ industry: 0.2, carriers: 0.3 });
  const mean = (0.2 * FACTOR_WEIGHTS.industry + 0.3 * FACTOR_WEIGHTS.carriers) / (FACTOR_WEIGHTS.industry + FACTOR_WEIGHTS.carriers);
  t.equal(combinedScore(poor, true), Math.round(mean * 1000) / 1000, 'unknown factors do not lift a poor park to neutral');
});

t.test('knowing less never pays: capped at what the park would score were each unknown factor merely neutral', async (t) => {
  const industryOnly = combinedScore(scores({ industry: 1 }), true);
  t.equal(industryOnly, Math.round((FACTOR_WEIGHTS.industry + (1 - FACTOR_WEIGHTS.industry) * NEUTRAL_SCORE) * 1000) / 1000);
  t.ok(industryOnly < combinedScore(scores({ industry: 1, carriers: 1 }), true));
  t.ok(industryOnly < 1);
});

t.test('no industry relation halves the score', async (t) => {
  const rest = scores({ carriers: 1, policies: 1 });
  t.equal(combinedScore(rest, false), Math.round(combinedScore(rest, true) * NO_RELATION_FACTOR * 1000) / 1000);
});

t.test('a park with known good carriers outranks an otherwise equal park that knows none', async (t) => {
  const catalog = catalogWith({
    parks: [park('a-unknown', { industries: [focus('medical-devices')] }), park('b-known', { industries: [focus('medical-devices')] })],
    carriers: [carrier('factory', 'b-known', 'standard-factory', { tenure: ['rent'], area: { value: 5000, unit: 'm2', qualifier: 'exact' } })],
  });
  const result = matchLead(leadOf('医疗器械', { uses: ['production'], buildingM2: 2000, buildingTenure: 'rent' }), catalog, { now: NOW });
  t.same(result.suggestions.map((s) => s.park.id), ['b-known', 'a-unknown']);
  t.ok(suggestionFor(result, 'b-known')!.score > suggestionFor(result, 'a-unknown')!.score);
});

t.test('every result is stamped with the rules and the catalog version; one reason per factor', async (t) => {
  const catalog = catalogWith({ parks: [park('md', { industries: [focus('medical-devices')] })] }, 42);
  const result = matchLead(leadOf('医疗器械'), catalog, { now: NOW });
  t.equal(result.rulesVersion, RULES_VERSION);
  t.equal(result.catalogVersion, 42);
  t.same(result.suggestions[0]!.reasons.map((r) => [r.factor, r.weight]), FACTORS.map((f) => [f, FACTOR_WEIGHTS[f]]));
  for (const reason of result.suggestions[0]!.reasons) t.ok(reason.zh.length > 0 && reason.en.length > 0, reason.factor);
});
