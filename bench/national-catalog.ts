/**
 * A synthetic, national-scale park catalog for benchmarks: by default 2,500 parks, 25,000 carriers,
 * 10,000 policies, 5,000 platforms and 10,000 cluster facts, over the real industry taxonomy and real
 * mainland place names. Every item is invented and says so: one source (`synthetic-national`) whose
 * title says it describes no real park, parks named 合成园区-0001 / Synthetic Park 0001. It is written
 * in the layout of `seeds/`, so `loadSeedCatalog(dir)` and `seedCatalog(db, dir)` read it as they
 * read the seeds. Never write it into `seeds/`.
 *
 *   npx tsx bench/national-catalog.ts --out <dir> [--parks N] [--carriers N] [--policies N] [--seed N]
 */
import { copyFile, cp, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readSeedDocument, SEEDS_DIR } from '@leadmatch/catalog';
import type { Industry } from '@leadmatch/domain';
import { nationalCatalogDocument, type NationalCounts, type NationalSizes } from './national/document.ts';

export { nationalCatalogDocument, type NationalCounts, type NationalSizes } from './national/document.ts';

const TAXONOMY_FILE = fileURLToPath(new URL('../seeds/industries.json', import.meta.url));

/** The real taxonomy as the seeds give it: GB/T 4754-2017 and the focus codes. */
export async function seedIndustries(): Promise<Industry[]> {
  return (await readSeedDocument()).industries ?? [];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the catalog into `dir` (created if need be) as `seeds/` is laid out; deterministic for a seed. */
export async function writeNationalCatalog(dir: string, sizes: NationalSizes = {}): Promise<NationalCounts> {
  const { document, counts } = nationalCatalogDocument(await seedIndustries(), sizes);
  await mkdir(join(dir, 'catalog'), { recursive: true });
  await copyFile(TAXONOMY_FILE, join(dir, 'industries.json'));
  await cp(join(SEEDS_DIR, 'gbt4754'), join(dir, 'gbt4754'), { recursive: true });
  await writeFile(join(dir, 'sources.json'), json({ sources: document.sources }));
  await writeFile(join(dir, 'parks.json'), json({ parks: document.parks }));
  await writeFile(join(dir, 'catalog', 'carriers.json'), json({ carriers: document.carriers }));
  await writeFile(join(dir, 'catalog', 'cluster-facts.json'), json({ clusterFacts: document.clusterFacts }));
  await writeFile(join(dir, 'catalog', 'platforms.json'), json({ platforms: document.platforms }));
  await writeFile(join(dir, 'catalog', 'policies.json'), json({ policies: document.policies }));
  return counts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      parks: { type: 'string' },
      carriers: { type: 'string' },
      policies: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('usage: npx tsx bench/national-catalog.ts --out <dir> [--parks N] [--carriers N] [--policies N] [--seed N]');
  const count = (name: 'parks' | 'carriers' | 'policies' | 'seed') => {
    const text = values[name];
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || (name === 'parks' && value < 1)) throw new Error(`--${name} must be a whole number${name === 'parks' ? ' of at least 1' : ''}`);
    return value;
  };
  const out = resolve(values.out);
  if (out === fileURLToPath(new URL('../seeds', import.meta.url))) throw new Error('refusing to write synthetic data into seeds/');
  const counts = await writeNationalCatalog(out, { parks: count('parks'), carriers: count('carriers'), policies: count('policies'), seed: count('seed') });
  console.log(`wrote ${out}: ${Object.entries(counts).map(([what, n]) => `${n} ${what}`).join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
