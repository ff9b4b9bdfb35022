import type { Carrier, ClusterFact, Park, Platform, Policy, Region } from '@leadmatch/domain';
import { carrierLimits, type CarrierLimits } from './carrier-limits.ts';
import { countsForCluster } from './factors/industry.ts';
import { platformsCeiling } from './factors/platforms.ts';
import { policiesCeiling } from './factors/policies.ts';
import { indexParks, type ParkIndex } from './park-index.ts';
import type { MatchCatalog } from './types.ts';

/** A catalog item with its industry codes as positions in `CatalogTables.codes`. */
export interface Coded<T> {
  item: T;
  codes: readonly number[];
}

/** A park with everything the factors read of it looked up once per catalog. */
export interface ParkEntry {
  park: Park;
  /** Its position in `CatalogTables.entries`. */
  position: number;
  /** Position of its province, city and district in `CatalogTables.regions`: parks sharing it share one region judgement. */
  region: number;
  /**
   * The areas whose region-wide policies and platforms reach the park, as positions in the `…ByArea`
   * lists: its province as a whole, and its city.
   */
  areas: readonly number[];
  /** Code position of each of `park.industries`. */
  focusCodes: readonly number[];
  /** By id. */
  carriers: readonly Carrier[];
  carrierLimits: CarrierLimits;
  /**
   * The cluster facts of the park and of the zones it sits in (a sub-park's firms are part of its
   * zone's cluster) that count for cluster strength (see `countsForCluster`) and name an industry,
   * by id, with that industry's code position.
   */
  clusterFacts: readonly { fact: ClusterFact; code: number }[];
  namingPolicies: readonly Coded<Policy>[];
  /** By id; `inParkArea` when the platform also stands in one of the park's `areas`. */
  ownPlatforms: readonly (Coded<Platform> & { inParkArea: boolean })[];
  /**
   * Whatever the lead, the best policies and platforms scores the park can have (see `policiesCeiling`,
   * `platformsCeiling`), and whether some policy reaching it has no validity dates, so that its
   * policies are never unknown.
   */
  atBest: { policies: number | null; platforms: number | null; policiesKnown: boolean };
}

/** Per-catalog lookups the index does not have, built once per CatalogIndex. */
export interface CatalogTables {
  /** Every industry code the catalog mentions, in first-mention order (ids below are positions here). */
  codes: readonly string[];
  /** By park id, so that the answer does not depend on the order the catalog was loaded in. */
  entries: readonly ParkEntry[];
  /** Each distinct park region once. */
  regions: readonly Region[];
  index: ParkIndex;
  /** Region-wide policies by area, an area being a province as a whole or one city in it; by id within each. */
  policiesByArea: readonly (readonly Coded<Policy>[])[];
  /** Every platform by the area it stands in, whether or not it belongs to a park; by id within each. */
  platformsByArea: readonly (readonly Coded<Platform>[])[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Numbers codes, areas and park regions as they are first met. */
class Numbering {
  readonly codes: string[] = [];
  readonly regions: Region[] = [];
  readonly #codes = new Map<string, number>();
  readonly #areas = new Map<string, number>();
  readonly #regions = new Map<string, number>();

  code(code: string): number {
    let position = this.#codes.get(code);
    if (position === undefined) this.#codes.set(code, (position = this.codes.push(code) - 1));
    return position;
  }

  /** A province as a whole (city null), or one city in it. */
  area(province: string, city: string | null): number {
    const key = `${province}\u0000${city ?? ''}`;
    let position = this.#areas.get(key);
    if (position === undefined) this.#areas.set(key, (position = this.#areas.size));
    return position;
  }

  region(region: Region): number {
    const key = `${region.province}\u0000${region.city ?? ''}\u0000${region.district ?? ''}`;
    let position = this.#regions.get(key);
    if (position === undefined) this.#regions.set(key, (position = this.regions.push(region) - 1));
    return position;
  }

  get areaCount(): number {
    return this.#areas.size;
  }
}

function build({ index, snapshot }: MatchCatalog): CatalogTables {
  const numbering = new Numbering();
  const coded = <T extends { id: string; industries: readonly string[] }>(items: readonly T[]): Coded<T>[] =>
    [...items].sort(byId).map((item) => ({ item, codes: item.industries.map((code) => numbering.code(code)) }));
  const areasReaching = ({ province, city }: Region) =>
    city === null ? [numbering.area(province, null)] : [numbering.area(province, null), numbering.area(province, city)];
  const byArea = <T extends { id: string; industries: readonly string[] }>(items: readonly T[], regionOf: (item: T) => Region) => {
    const groups: Coded<T>[][] = [];
    for (const entry of coded(items)) {
      const { province, city } = regionOf(entry.item);
      (groups[numbering.area(province, city)] ??= []).push(entry);
    }
    return groups;
  };
  /** The park and the zones it sits in (as zonesOf in @leadmatch/catalog, whose runtime this package must not load). */
  const lineOf = (park: Park): Park[] => {
    const line = [park];
    for (let parent = park.parentId; parent !== null && line.length <= index.parks.size; ) {
      const zone = index.parks.get(parent);
      if (!zone) break;
      line.push(zone);
      parent = zone.parentId;
    }
    return line;
  };
  const policiesByArea = byArea(index.regionPolicies, (policy) => policy.region!);
  const platformsByArea = byArea(snapshot?.platforms ?? [...index.platformsOf.values()].flat(), (platform) => platform.region);
  const entryOf = (park: Park, position: number): ParkEntry => {
    const line = lineOf(park);
    const carriers = [...(index.carriersOf.get(park.id) ?? [])].sort(byId);
    const areas = areasReaching(park.region);
    const namingPolicies = coded([...new Set(line.flatMap((zone) => index.policiesNaming.get(zone.id) ?? []))]);
    const ownPlatforms = coded(line.flatMap((zone) => index.platformsOf.get(zone.id) ?? []));
    const reachingPolicies = [...namingPolicies, ...areas.flatMap((area) => policiesByArea[area] ?? [])];
    const reachingPlatforms = ownPlatforms.length + areas.reduce((sum, area) => sum + (platformsByArea[area]?.length ?? 0), 0);
    return {
      park,
      position,
      region: numbering.region(park.region),
      areas,
      focusCodes: park.industries.map((focus) => numbering.code(focus.code)),
      carriers,
      carrierLimits: carrierLimits(carriers),
      clusterFacts: line
        .flatMap((zone) => index.factsOf.get(zone.id) ?? [])
        .filter((fact) => fact.industry !== null && countsForCluster(fact))
        .sort(byId)
        .map((fact) => ({ fact, code: numbering.code(fact.industry!) })),
      namingPolicies,
      ownPlatforms: ownPlatforms.map((platform) => ({
        ...platform,
        inParkArea: areas.includes(numbering.area(platform.item.region.province, platform.item.region.city)),
      })),
      atBest: {
        policies: policiesCeiling(reachingPolicies.length),
        platforms: platformsCeiling(reachingPlatforms),
        policiesKnown: reachingPolicies.some(({ item }) => item.validFrom === null && item.validTo === null),
      },
    };
  };
  const entries = [...index.parks.values()].sort(byId).map(entryOf);
  const filled = <T>(groups: T[][]) => Array.from({ length: numbering.areaCount }, (_, i) => groups[i] ?? []);
  return {
    codes: numbering.codes,
    entries,
    regions: numbering.regions,
    index: indexParks(entries, numbering.regions, numbering.codes.length),
    policiesByArea: filled(policiesByArea),
    platformsByArea: filled(platformsByArea),
  };
}

const cache = new WeakMap<MatchCatalog['index'], { platforms: readonly Platform[] | undefined; tables: CatalogTables }>();

/** Built once per CatalogIndex (and the snapshot's platforms, when given). */
export function catalogTables(catalog: MatchCatalog): CatalogTables {
  const cached = cache.get(catalog.index);
  if (cached && cached.platforms === catalog.snapshot?.platforms) return cached.tables;
  const tables = build(catalog);
  cache.set(catalog.index, { platforms: catalog.snapshot?.platforms, tables });
  return tables;
}
