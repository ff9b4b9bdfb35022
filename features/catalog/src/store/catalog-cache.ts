import type { Kysely } from 'kysely';
import { createClassifier, indexCatalog, Taxonomy, type CatalogIndex } from '@leadmatch/catalog-core';
import { type Database } from '@leadmatch/db';
import type { CatalogSnapshot } from '@leadmatch/domain';
import { catalogVersion, readCatalog } from './repository.ts';

export interface LoadedCatalog {
  snapshot: CatalogSnapshot;
  index: CatalogIndex;
  taxonomy: Taxonomy;
  classifier: ReturnType<typeof createClassifier>;
}

/**
 * The catalog in memory, rebuilt only when its version moves. Asking costs one indexed read of the
 * version; concurrent askers share one reload.
 */
export class CatalogCache {
  #loaded: LoadedCatalog | undefined;
  #loading: Promise<LoadedCatalog> | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async current(): Promise<LoadedCatalog> {
    const version = await catalogVersion(this.db);
    if (this.#loaded?.snapshot.version === version) return this.#loaded;
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  async #load(): Promise<LoadedCatalog> {
    const snapshot = await readCatalog(this.db);
    const taxonomy = new Taxonomy(snapshot.industries);
    this.#loaded = { snapshot, index: indexCatalog(snapshot), taxonomy, classifier: createClassifier(taxonomy) };
    return this.#loaded;
  }
}
