import type { CatalogSnapshot, Carrier, ClusterFact, Park, Platform, Policy, Source } from '@leadmatch/domain';

/** One snapshot's documents grouped by park, built once per catalog version. */
export interface CatalogIndex {
  version: number;
  parks: ReadonlyMap<string, Park>;
  childrenOf: ReadonlyMap<string, Park[]>;
  factsOf: ReadonlyMap<string, ClusterFact[]>;
  carriersOf: ReadonlyMap<string, Carrier[]>;
  platformsOf: ReadonlyMap<string, Platform[]>;
  policiesNaming: ReadonlyMap<string, Policy[]>;
  /** Policies that name no park and reach every park in their region. */
  regionPolicies: readonly Policy[];
  sources: ReadonlyMap<string, Source>;
}

function groupBy<T>(items: readonly T[], keysOf: (item: T) => (string | null)[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) if (key !== null) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

export function indexCatalog(snapshot: CatalogSnapshot): CatalogIndex {
  return {
    version: snapshot.version,
    parks: new Map(snapshot.parks.map((park) => [park.id, park])),
    childrenOf: groupBy(snapshot.parks, (park) => [park.parentId]),
    factsOf: groupBy(snapshot.clusterFacts, (fact) => [fact.parkId]),
    carriersOf: groupBy(snapshot.carriers, (carrier) => [carrier.parkId]),
    platformsOf: groupBy(snapshot.platforms, (platform) => [platform.parkId]),
    policiesNaming: groupBy(snapshot.policies, (policy) => policy.parkIds),
    regionPolicies: snapshot.policies.filter((policy) => policy.parkIds.length === 0 && policy.region !== null),
    sources: new Map(snapshot.sources.map((source) => [source.id, source])),
  };
}

/** The park and the zones it sits in, nearest first. */
export function zonesOf(index: CatalogIndex, park: Park): Park[] {
  const line = [park];
  for (let parent = park.parentId; parent !== null && line.length <= index.parks.size; ) {
    const zone = index.parks.get(parent);
    if (!zone) break;
    line.push(zone);
    parent = zone.parentId;
  }
  return line;
}

/**
 * Policies naming the park or a zone it sits in (a sub-park's firms get its parent zone's policies),
 * and region-wide ones: in its province, and in its city when the policy names one.
 */
export function policiesReaching(index: CatalogIndex, park: Park): Policy[] {
  const regional = index.regionPolicies.filter(
    (policy) =>
      policy.region!.province === park.region.province &&
      (policy.region!.city === null || policy.region!.city === park.region.city),
  );
  const naming = zonesOf(index, park).flatMap((zone) => index.policiesNaming.get(zone.id) ?? []);
  return [...new Set([...naming, ...regional])];
}

export interface ParkContext {
  park: Park;
  parent: Park | null;
  children: Park[];
  clusterFacts: ClusterFact[];
  carriers: Carrier[];
  policies: Policy[];
  platforms: Platform[];
}

export function parkContext(index: CatalogIndex, park: Park): ParkContext {
  return {
    park,
    parent: park.parentId ? (index.parks.get(park.parentId) ?? null) : null,
    children: index.childrenOf.get(park.id) ?? [],
    clusterFacts: index.factsOf.get(park.id) ?? [],
    carriers: index.carriersOf.get(park.id) ?? [],
    policies: policiesReaching(index, park),
    platforms: index.platformsOf.get(park.id) ?? [],
  };
}

/** The sources a value cites anywhere inside it, in id order. */
export function citedSources(index: CatalogIndex, value: unknown): Source[] {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      if ('source' in node && 'locator' in node && typeof node.source === 'string') ids.add(node.source);
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return [...ids].sort().flatMap((id) => index.sources.get(id) ?? []);
}
