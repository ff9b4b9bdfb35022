import type { Carrier, ClusterFact, Park, Platform, Policy, SourceRef } from '@leadmatch/domain';
import type { CatalogLookup } from '../catalog-lookup.ts';
import type { MatchFacts } from '../facts.ts';

/** What every sentence of one result may read: the facts about the lead, and the catalog's documents. */
export interface RenderContext {
  facts: MatchFacts;
  lookup: CatalogLookup;
}

/** A reason's sentences and the sources of the catalog facts they use. */
export interface Words {
  zh: string;
  en: string;
  evidence: SourceRef[];
}

function found<T>(document: T | undefined, kind: string, id: string): T {
  if (document === undefined) throw new Error(`renderMatch: the lookup has no ${kind} ${id}`);
  return document;
}

export const parkOf = (lookup: CatalogLookup, id: string): Park => found(lookup.park(id), 'park', id);
export const carrierOf = (lookup: CatalogLookup, id: string): Carrier => found(lookup.carrier(id), 'carrier', id);
export const policyOf = (lookup: CatalogLookup, id: string): Policy => found(lookup.policy(id), 'policy', id);
export const platformOf = (lookup: CatalogLookup, id: string): Platform => found(lookup.platform(id), 'platform', id);
export const clusterFactOf = (lookup: CatalogLookup, id: string): ClusterFact => found(lookup.clusterFact(id), 'cluster fact', id);
