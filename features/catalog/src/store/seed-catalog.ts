import { createClassifier, indexCatalog, Taxonomy } from '@leadmatch/catalog-core';
import type { CatalogSnapshot } from '@leadmatch/domain';
import type { LoadedCatalog } from './catalog-cache.ts';
import { readSeedDocument, SEEDS_DIR } from './seed-files.ts';

/** The seed files as a loaded catalog (version 0), without a database: for tools and tests. */
export async function loadSeedCatalog(dir = SEEDS_DIR): Promise<LoadedCatalog> {
  const doc = await readSeedDocument(dir);
  const snapshot: CatalogSnapshot = {
    version: 0,
    sources: doc.sources ?? [],
    industries: doc.industries ?? [],
    parks: doc.parks ?? [],
    clusterFacts: doc.clusterFacts ?? [],
    carriers: doc.carriers ?? [],
    policies: doc.policies ?? [],
    platforms: doc.platforms ?? [],
  };
  const taxonomy = new Taxonomy(snapshot.industries);
  return { snapshot, index: indexCatalog(snapshot), taxonomy, classifier: createClassifier(taxonomy) };
}
