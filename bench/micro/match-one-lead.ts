/**
 * The cost of matching one lead (`matchLead`, explanations included) on the seed catalog and on the
 * synthetic national-scale one, in process with tinybench: varied leads, cycled through in a fixed
 * order. `--smoke`: a 200-park national catalog and about a second of sampling in all.
 *
 *   npx tsx bench/micro/match-one-lead.ts [--smoke]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSeedCatalog } from '@leadmatch/catalog';
import { createClassifier, indexCatalog, Taxonomy } from '@leadmatch/catalog-core';
import type { CatalogDocument } from '@leadmatch/domain';
import { type MatchCatalog, matchLead, type MatchLead } from '@leadmatch/matcher';
import { Bench } from 'tinybench';
import { nationalCatalogDocument, seedIndustries } from '../national-catalog.ts';
import { variedLeads } from './varied-leads.ts';

export interface MatchStats {
  meanMs: number;
  p99Ms: number;
  /** Matches in the sampling time over that time (not the mean of per-sample rates, which fast samples inflate). */
  opsPerSec: number;
}

/** Policy validity is judged at this instant, as in tests/evaluation. */
const NOW = new Date('2026-11-21T00:00:00Z');

function inMemory(document: CatalogDocument): MatchCatalog {
  const snapshot = {
    version: 1,
    sources: document.sources ?? [],
    industries: document.industries ?? [],
    parks: document.parks ?? [],
    clusterFacts: document.clusterFacts ?? [],
    carriers: document.carriers ?? [],
    policies: document.policies ?? [],
    platforms: document.platforms ?? [],
  };
  return { snapshot, index: indexCatalog(snapshot), taxonomy: new Taxonomy(snapshot.industries) };
}

function cycling(leads: readonly MatchLead[], catalog: MatchCatalog): () => void {
  let next = 0;
  return () => {
    matchLead(leads[next]!, catalog, { now: NOW });
    next = (next + 1) % leads.length;
  };
}

export async function runMatchMicroBench(options: { smoke: boolean }): Promise<{ seed: MatchStats; national: MatchStats }> {
  const seed = await loadSeedCatalog();
  const national = inMemory(nationalCatalogDocument(await seedIndustries(), options.smoke ? { parks: 200 } : {}).document);
  const leads = variedLeads(createClassifier(seed.taxonomy));
  const bench = new Bench({ time: options.smoke ? 400 : 5_000, warmupTime: options.smoke ? 100 : 1_000 });
  bench.add('seed catalog', cycling(leads, seed)).add('national catalog', cycling(leads, national));
  await bench.run();
  const stats = (name: string): MatchStats => {
    const result = bench.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`${name}: the benchmark did not complete (${result?.state ?? 'no result'})`);
    return { meanMs: result.latency.mean, p99Ms: result.latency.p99, opsPerSec: 1000 / result.period };
  };
  return { seed: stats('seed catalog'), national: stats('national catalog') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false } } });
  const results = await runMatchMicroBench({ smoke: values.smoke });
  console.table(
    Object.fromEntries(
      Object.entries(results).map(([catalog, { meanMs, p99Ms, opsPerSec }]) => [
        `${catalog} catalog`,
        { 'mean (ms)': meanMs.toFixed(3), 'p99 (ms)': p99Ms.toFixed(3), 'matches/s': Math.round(opsPerSec) },
      ]),
    ),
  );
}
