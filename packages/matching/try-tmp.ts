import { matchLead } from './src/index.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
const cases = [
  leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], regions: ['苏州'], buildingM2: 5000 }),
  leadOf('声学器件', { uses: ['rnd', 'production'] }),
  leadOf('海洋生物中试', { uses: ['pilot'] }),
  leadOf('电子商务运营', { uses: ['office'], regions: ['银川'], buildingM2: 800 }),
  leadOf('随便什么东西', { uses: ['office'] }),
];
for (const lead of cases) {
  const r = matchLead(lead, seedCatalog, { now: NOW });
  console.log('=== ', lead.industry, r.summary, r.excluded);
  for (const s of r.suggestions) {
    console.log(s.rank, s.park.id, s.score, s.fit, s.reasons.map(x => `${x.factor}:${x.score}`).join(' '));
  }
}
const r = matchLead(cases[0]!, seedCatalog, { now: NOW });
console.log(JSON.stringify(r.suggestions[0], null, 1).slice(0, 6000));
