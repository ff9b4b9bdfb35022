export { integrityProblems, type CatalogState, type IntegrityProblem } from './store/integrity.ts';
export { normalizeForQuote, readSourceArticles, unquotedEvidence, documentsWithoutEvidence } from './store/provenance.ts';
export { readSeedDocument, seedFiles, SEEDS_DIR } from './store/seed-files.ts';
export { applyCatalogEdit, type CatalogEdit, type CatalogEditResult, type CatalogRemoval } from './store/edit.ts';
export { seedCatalog, seedCatalogIfEmpty, SEED_ACTOR } from './store/seed.ts';
export { openReadyDatabase } from './store/prepare.ts';
export { CatalogCache, type LoadedCatalog } from './store/catalog-cache.ts';
export { loadSeedCatalog } from './store/seed-catalog.ts';
export { assertIndustryClass } from './store/industry-code.ts';
