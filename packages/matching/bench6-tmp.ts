import { matchContext, factorScores } from './src/assess-park.ts';
import { profileLead } from './src/lead-profile.ts';
import { assessIndustry } from './src/factors/industry.ts';
import { assessIntensity } from './src/factors/intensity.ts';
import { brokenConstraint } from './src/constraints.ts';
import { combinedScore } from './src/score.ts';
import { judgeFit, worthSuggesting } from './src/fit.ts';
import { leadOf, catalogOf, NOW } from './test/support/seed-catalog.ts';
import { syntheticSnapshot } from './test/support/synthetic-catalog.ts';
const catalog = catalogOf(syntheticSnapshot(2500));
const lead = leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], buildingM2: 5000, landM2: 20000, annualTaxWan: 900 });
const profile = profileLead(lead, catalog.taxonomy, NOW);
const ctx = matchContext(profile, catalog);
const entries = ctx.tables.entries;
function time(name: string, f: () => unknown) {
  for (let i = 0; i < 100; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 300; i++) f();
  console.log(name.padEnd(20), ((performance.now() - t0) / 300).toFixed(3), 'ms');
}
let sink: unknown;
time('all factors', () => { for (const e of entries) { const region = ctx.regionOf(e);
  sink = brokenConstraint(profile, region, e.carriers);
  sink = { industry: assessIndustry(e, profile, ctx.kinships), carriers: ctx.carriersOf(e.carriers), policies: ctx.policiesOf(e), intensity: assessIntensity(e.park, profile), region, platforms: ctx.platformsOf(e) }; } });
time('industry+carriers', () => { for (const e of entries) { sink = assessIndustry(e, profile, ctx.kinships); sink = ctx.carriersOf(e.carriers); } });
time('industry', () => { for (const e of entries) { sink = assessIndustry(e, profile, ctx.kinships);  } });
time('carriers', () => { for (const e of entries) { sink = ctx.carriersOf(e.carriers); } });
