import { matchLead } from './src/index.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
const lead2 = leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], buildingM2: 5000 });
for (const topN of [0, 1, 5]) {
for (let i = 0; i < 500; i++) matchLead(lead2, seedCatalog, { now: NOW, topN });
const t0 = performance.now();
for (let i = 0; i < 2000; i++) matchLead(lead2, seedCatalog, { now: NOW, topN });
console.log(topN, ((performance.now() - t0) / 2000).toFixed(4), 'ms per matchLead');
}
