import type { Taxonomy } from '@leadmatch/catalog-core';
import type { Carrier, ClusterFact, Park, Platform, Policy } from '@leadmatch/domain';
import type { MatchCatalog } from './types.ts';

/** The catalog documents `renderMatch` words facts with, by id; undefined for an id it does not hold. */
export interface CatalogLookup {
  taxonomy: Taxonomy;
  park(id: string): Park | undefined;
  carrier(id: string): Carrier | undefined;
  policy(id: string): Policy | undefined;
  platform(id: string): Platform | undefined;
  clusterFact(id: string): ClusterFact | undefined;
}

interface ById {
  carriers: ReadonlyMap<string, Carrier>;
  policies: ReadonlyMap<string, Policy>;
  platforms: ReadonlyMap<string, Platform>;
  clusterFacts: ReadonlyMap<string, ClusterFact>;
}

function byId<T extends { id: string }>(groups: Iterable<readonly T[]>, more: readonly T[] = []): Map<string, T> {
  const found = new Map<string, T>();
  for (const group of groups) for (const item of group) found.set(item.id, item);
  for (const item of more) found.set(item.id, item);
  return found;
}

/** The index groups documents by park; the lookup needs them by id, worked out once per index and platform list. */
const cache = new WeakMap<MatchCatalog['index'], { platforms: readonly Platform[] | undefined; byId: ById }>();

function documentsById({ index, snapshot }: MatchCatalog): ById {
  const cached = cache.get(index);
  if (cached && cached.platforms === snapshot?.platforms) return cached.byId;
  const found: ById = {
    carriers: byId(index.carriersOf.values()),
    policies: byId(index.policiesNaming.values(), index.regionPolicies),
    platforms: byId(index.platformsOf.values(), snapshot?.platforms),
    clusterFacts: byId(index.factsOf.values()),
  };
  cache.set(index, { platforms: snapshot?.platforms, byId: found });
  return found;
}

/** The lookup of a loaded catalog: its own documents, found through its index. */
export function catalogLookup(catalog: MatchCatalog): CatalogLookup {
  let found: ById | undefined;
  const documents = () => (found ??= documentsById(catalog));
  return {
    taxonomy: catalog.taxonomy,
    park: (id) => catalog.index.parks.get(id),
    carrier: (id) => documents().carriers.get(id),
    policy: (id) => documents().policies.get(id),
    platform: (id) => documents().platforms.get(id),
    clusterFact: (id) => documents().clusterFacts.get(id),
  };
}
