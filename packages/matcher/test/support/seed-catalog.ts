import { readSeedDocument } from '@leadmatch/catalog';
import { createClassifier, indexCatalog, Taxonomy, type Classifier } from '@leadmatch/catalog-core';
import type { CatalogDocument } from '@leadmatch/domain';
import type { MatchCatalog, MatchLead } from '../../src/index.ts';

/** A document as a snapshot: every section present, version 1 unless told. */
export function snapshotOf(document: CatalogDocument, version = 1) {
  return {
    version,
    sources: document.sources ?? [],
    industries: document.industries ?? [],
    parks: document.parks ?? [],
    clusterFacts: document.clusterFacts ?? [],
    carriers: document.carriers ?? [],
    policies: document.policies ?? [],
    platforms: document.platforms ?? [],
  };
}

export type Snapshot = ReturnType<typeof snapshotOf>;

export function catalogOf(snapshot: Snapshot, taxonomy = new Taxonomy(snapshot.industries)): MatchCatalog {
  return { index: indexCatalog(snapshot), taxonomy, snapshot };
}

export const seedSnapshot = snapshotOf(await readSeedDocument());
export const seedTaxonomy = new Taxonomy(seedSnapshot.industries);
export const seedCatalog = catalogOf(seedSnapshot, seedTaxonomy);
export const classifier: Classifier = createClassifier(seedTaxonomy);

/** Every need of a lead left unsaid but a production use; tests override what they are about. */
export const NO_NEEDS: Omit<MatchLead, 'industry' | 'classification'> = {
  uses: ['production'],
  landM2: null,
  buildingM2: null,
  buildingTenure: null,
  annualTaxWan: null,
  investmentWan: null,
  employees: null,
  regions: [],
  policyInterests: [],
  notes: null,
};

/** A lead with no needs beyond its industry and uses; override what the test is about. */
export function leadOf(industry: string, overrides: Partial<MatchLead> = {}, using: Classifier = classifier): MatchLead {
  return { industry, classification: using.classify(industry), ...NO_NEEDS, ...overrides };
}

export const NOW = new Date('2025-06-01T00:00:00Z');
