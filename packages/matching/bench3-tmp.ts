import { assessPark, matchContext } from './src/assess-park.ts';
import { profileLead } from './src/lead-profile.ts';
import { suggestion } from './src/explain.ts';
import { explainPlatforms, suggestedPlatforms } from './src/factors/platforms.ts';
import { explainPolicies, suggestedPolicies } from './src/factors/policies.ts';
import { explainIndustry } from './src/factors/industry.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
const lead = leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], buildingM2: 5000 });
const profile = profileLead(lead, seedCatalog.taxonomy, NOW);
const ctx = matchContext(profile, seedCatalog);
const sip = seedCatalog.index.parks.get('sip')!;
const a = assessPark(sip, ctx) as any;
function time(name: string, f: () => unknown) {
  for (let i = 0; i < 2000; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 5000; i++) f();
  console.log(name, ((performance.now() - t0) / 5000 * 1000).toFixed(1), 'µs');
}
time('ctx', () => matchContext(profile, seedCatalog));
time('assess sip', () => assessPark(sip, ctx));
time('suggestion sip', () => suggestion(1, a, ctx));
time('explainPlatforms', () => explainPlatforms(a.factors.platforms, sip, profile));
time('suggestedPlatforms', () => suggestedPlatforms(a.factors.platforms, sip));
time('explainPolicies', () => explainPolicies(a.factors.policies, profile));
time('suggestedPolicies', () => suggestedPolicies(a.factors.policies));
time('explainIndustry', () => explainIndustry(a.factors.industry, sip, profile, seedCatalog.taxonomy));
