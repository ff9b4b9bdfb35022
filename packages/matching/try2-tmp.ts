import { matchLead } from './src/index.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
const cases = [
  leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], regions: ['苏州'], buildingM2: 5000, landM2: 20000, annualTaxWan: 900 }),
  leadOf('海洋生物中试', { uses: ['pilot'], landM2: 100000 }),
  leadOf('电子商务运营', { uses: ['office'], regions: ['银川'], buildingM2: 800, buildingTenure: 'rent' }),
];
for (const lead of cases) {
  const r = matchLead(lead, seedCatalog, { now: NOW, topN: 3 });
  console.log('=== ', lead.industry, r.summary, r.excluded);
  for (const s of r.suggestions) {
    console.log(s.rank, s.park.id, s.score, s.fit);
    for (const x of s.reasons) console.log('  ', x.factor, x.score, x.zh, '\n     ', x.en, JSON.stringify(x.matchedTerms), x.evidence.length);
  }
}
