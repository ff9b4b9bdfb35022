import { matchLead } from './src/index.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
for (const lead of [leadOf('医疗器械生产', { uses: ['production'], regions: ['苏州'], buildingM2: 3000 }), leadOf('海洋生物中试', { uses: ['pilot'] }), leadOf('xyz', { uses: ['office'], regions: ['苏州'] })]) {
  const r = matchLead(lead, seedCatalog, { now: NOW });
  console.log(r.summary.zh);
  for (const s of r.suggestions) console.log(s.rank, s.park.id, s.score, s.fit, s.carriers.map(c=>c.id));
}
