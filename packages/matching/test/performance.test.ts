import t from 'tap';
import { matchLead, type MatchCatalog, type MatchLead } from '../src/index.ts';
import { catalogOf, leadOf, NOW, seedCatalog } from './support/seed-catalog.ts';
import { syntheticSnapshot } from './support/synthetic-catalog.ts';

/** Mean milliseconds of one warm match. */
function timeMatch(lead: MatchLead, catalog: MatchCatalog, runs: number): number {
  for (let i = 0; i < Math.min(runs, 100); i++) matchLead(lead, catalog, { now: NOW });
  const started = performance.now();
  for (let i = 0; i < runs; i++) matchLead(lead, catalog, { now: NOW });
  return (performance.now() - started) / runs;
}

const lead = leadOf('医疗器械研发与生产', { uses: ['production', 'rnd'], buildingM2: 5000, landM2: 20_000, annualTaxWan: 900 });

/** Loose bounds, about ten times what was measured: only a blow-up (per-park scans, quadratic work) should fail them. */
t.test('the seed catalog: one warm match, averaged over 1000', async (t) => {
  const mean = timeMatch(lead, seedCatalog, 1000);
  t.comment(`mean ${mean.toFixed(3)} ms per match over ${seedCatalog.index.parks.size} parks`);
  t.ok(mean < 5, `${mean.toFixed(3)} ms`);
});

t.test('2,500 parks, 25,000 carriers, 10,000 policies: one warm match, averaged over 50', async (t) => {
  const snapshot = syntheticSnapshot(2500);
  t.equal(snapshot.carriers.length, 25_000);
  t.equal(snapshot.policies.length, 10_000);
  const mean = timeMatch(lead, catalogOf(snapshot), 50);
  t.comment(`mean ${mean.toFixed(2)} ms per match`);
  t.ok(mean < 60, `${mean.toFixed(2)} ms`);
});
