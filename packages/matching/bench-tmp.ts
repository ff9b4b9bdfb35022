import { matchLead } from './src/index.ts';
import { leadOf, seedCatalog, NOW } from './test/support/seed-catalog.ts';
const lead = leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], regions: ['苏州'], buildingM2: 5000 });
const lead2 = leadOf('医疗器械研发生产', { uses: ['production', 'rnd'], buildingM2: 5000 });
for (const l of [lead, lead2]) {
for (let i = 0; i < 200; i++) matchLead(l, seedCatalog, { now: NOW });
const t0 = performance.now();
for (let i = 0; i < 1000; i++) matchLead(l, seedCatalog, { now: NOW });
console.log(((performance.now() - t0) / 1000).toFixed(4), 'ms per matchLead');
}
