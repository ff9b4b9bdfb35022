import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogDocument, Industry } from '@leadmatch/domain';
import { readFocusCoverage, readGbtIndustries } from './gbt-seed.ts';
import { CATALOG_ENTITIES } from './repository.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../../../seeds', import.meta.url));

/** The seed files, in a fixed order: the top-level files, then `catalog/*.json` by name. */
export async function seedFiles(dir = SEEDS_DIR): Promise<string[]> {
  const top = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const facts = (await readdir(join(dir, 'catalog'))).filter((name) => name.endsWith('.json')).sort();
  return [...top.map((name) => join(dir, name)), ...facts.map((name) => join(dir, 'catalog', name))];
}

/**
 * All seed files merged into one catalog document: GB/T 4754-2017 first, then the focus codes
 * (each given the GB/T codes it covers) and the rest of the files.
 */
export async function readSeedDocument(dir = SEEDS_DIR): Promise<CatalogDocument> {
  const merged: Record<string, unknown[]> = { industries: await readGbtIndustries(dir) };
  for (const file of await seedFiles(dir)) {
    const part = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown[]>;
    for (const [entity, items] of Object.entries(part)) {
      if (!(CATALOG_ENTITIES as readonly string[]).includes(entity)) throw new Error(`${file}: unknown section "${entity}"`);
      (merged[entity] ??= []).push(...items);
    }
  }
  const coverage = await readFocusCoverage(dir);
  merged.industries = (merged.industries as Industry[]).map((industry) =>
    coverage.has(industry.code) ? { ...industry, gbt: coverage.get(industry.code)! } : industry,
  );
  return merged as CatalogDocument;
}
