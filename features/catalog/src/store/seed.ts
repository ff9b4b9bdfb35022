import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import { applyCatalogEdit, type CatalogEditResult, type EditProgress } from './edit.ts';
import { catalogVersion } from './repository.ts';
import { readSeedDocument, SEEDS_DIR } from './seed-files.ts';

export const SEED_ACTOR = 'seed';

/**
 * Loads `seeds/` into the catalog. Running it again changes nothing unless the files changed.
 * `onProgress` follows the documents as they are written.
 */
export async function seedCatalog(db: Kysely<Database>, dir = SEEDS_DIR, onProgress?: EditProgress): Promise<CatalogEditResult> {
  return applyCatalogEdit(db, SEED_ACTOR, { upsert: await readSeedDocument(dir) }, onProgress);
}

/** On a fresh database (catalog version 0) seeds it; otherwise leaves the catalog as staff keep it. */
export async function seedCatalogIfEmpty(db: Kysely<Database>): Promise<CatalogEditResult | undefined> {
  return (await catalogVersion(db)) === 0 ? seedCatalog(db) : undefined;
}
