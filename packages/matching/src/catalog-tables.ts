import type { Carrier, ClusterFact, Park, Platform, Policy, Region } from '@leadmatch/domain';
import type { MatchCatalog } from './types.ts';

/** A catalog item with its industry codes as positions in `CatalogTables.codes`. */
export interface Coded<T> {
  item: T;
  codes: readonly number[];
}

/** A park with everything the factors read of it looked up once per catalog. */
export interface ParkEntry {
  park: Park;
  /** Province, city and district: parks sharing it share one region judgement. */
  regionKey: string;
  /**
   * The areas whose region-wide policies and platforms reach the park, as positions in the `…ByArea`
   * lists: its province as a whole, and its city.
   */
  areas: readonly number[];
  /** Code position of each of `park.industries`. */
  focusCodes: readonly number[];
  carriers: readonly Carrier[];
  facts: readonly ClusterFact[];
  /** Code position of each of `facts`, -1 for a fact of no particular industry. */
  factCodes: readonly number[];
  namingPolicies: readonly Coded<Policy>[];
  /** By id; `inParkArea` when the platform also stands in one of the park's `areas`. */
  ownPlatforms: readonly (Coded<Platform> & { inParkArea: boolean })[];
}

/** Per-catalog lookups the index does not have, built once per CatalogIndex. */
export interface CatalogTables {
  /** Every industry code the catalog mentions, in first-mention order (ids below are positions here). */
  codes: readonly string[];
  /** By park id, so that the answer does not depend on the order the catalog was loaded in. */
  entries: readonly ParkEntry[];
  /** Each distinct park region once. */
  regions: readonly Region[];
  /** Region-wide policies by area, an area being a province as a whole or one city in it; by id within each. */
  policiesByArea: readonly (readonly Coded<Policy>[])[];
  /** Every platform by the area it stands in, whether or not it belongs to a park; by id within each. */
  platformsByArea: readonly (readonly Coded<Platform>[])[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Numbers codes and areas as they are first met. */
class Numbering {
  readonly codes: string[] = [];
  readonly #codes = new Map<string, number>();
  readonly #areas = new Map<string, number>();

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
  const entryOf = (park: Park): ParkEntry => {
    const { province, city, district } = park.region;
    const line = lineOf(park);
    const facts = index.factsOf.get(park.id) ?? [];
    const areas = areasReaching(park.region);
    return {
      park,
      regionKey: `${province}\u0000${city ?? ''}\u0000${district ?? ''}`,
      areas,
      focusCodes: park.industries.map((focus) => numbering.code(focus.code)),
      carriers: index.carriersOf.get(park.id) ?? [],
      facts,
      factCodes: facts.map((fact) => (fact.industry === null ? -1 : numbering.code(fact.industry))),
      namingPolicies: coded([...new Set(line.flatMap((zone) => index.policiesNaming.get(zone.id) ?? []))]),
      ownPlatforms: coded(line.flatMap((zone) => index.platformsOf.get(zone.id) ?? [])).map((platform) => ({
        ...platform,
        inParkArea: areas.includes(numbering.area(platform.item.region.province, platform.item.region.city)),
      })),
    };
  };
  const entries = [...index.parks.values()].sort(byId).map(entryOf);
  const policiesByArea = byArea(index.regionPolicies, (policy) => policy.region!);
  const platformsByArea = byArea(snapshot?.platforms ?? [...index.platformsOf.values()].flat(), (platform) => platform.region);
  const filled = <T>(groups: T[][]) => Array.from({ length: numbering.areaCount }, (_, i) => groups[i] ?? []);
  const regions = [...new Map(entries.map((entry) => [entry.regionKey, entry.park.region])).values()];
  return { codes: numbering.codes, entries, regions, policiesByArea: filled(policiesByArea), platformsByArea: filled(platformsByArea) };
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
