export { Taxonomy, type Kinship, type Relation } from './taxonomy.ts';
export { gbtShape, isGbtCode } from './gbt-codes.ts';
export { createClassifier, type Classification, type Classifier } from './classifier.ts';
export type { IndustryMatch } from './scoring.ts';
export type { Language } from './language.ts';
export { indexCatalog, policiesReaching, parkContext, citedSources, type CatalogIndex, type ParkContext } from './catalog-index.ts';
export type { StandardMatch } from './standard-scoring.ts';
export type { RegisteredUse, Agreement } from './registered-code.ts';
export { namesRegion, namings, readPreference, type RegionLevel } from './region-names.ts';
