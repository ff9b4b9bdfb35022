import type { Carrier, ClusterFact, Park, Platform, Policy, SourceRef } from '@leadmatch/domain';
import type { CatalogLookup } from '../catalog-lookup.ts';
import type { MatchFacts } from '../facts.ts';
import { listEnOf, listZhOf } from '../text.ts';

/** How a result is worded. */
export interface RenderOptions {
  /**
   * Sentences name no carrier, policy or platform, only their counts: for answers that list the first
   * few beside the sentence. Otherwise a sentence names the first three.
   */
  brief?: boolean;
}

/** What every sentence of one result may read: the facts about the lead, the catalog's documents, and how to word them. */
export interface RenderContext {
  facts: MatchFacts;
  lookup: CatalogLookup;
  brief: boolean;
}

/** `：a、b、c等 N 项` after a count of items, or nothing in a brief sentence. */
export function itemsZh<T>({ brief }: RenderContext, items: readonly T[], describe: (item: T) => string): string {
  return brief ? '' : `：${listZhOf(items, describe)}`;
}

/** `: a, b, c and N more` after a count of items, or nothing in a brief sentence. */
export function itemsEn<T>({ brief }: RenderContext, items: readonly T[], describe: (item: T) => string): string {
  return brief ? '' : `: ${listEnOf(items, describe)}`;
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
