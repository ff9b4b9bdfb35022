import { namesRegion, namings, type RegionLevel } from '@leadmatch/catalog-core';
import type { Region } from '@leadmatch/domain';
import type { ParkEntry } from './catalog-tables.ts';

type Positions = readonly number[];

/** A region (by position in `CatalogTables.regions`) as a text names it: `namesRegion(text, region)`. */
export interface RegionNamed {
  region: number;
  level: RegionLevel;
}

/**
 * Parks (by position in `CatalogTables.entries`) by what a lead looks them up with, built once per
 * catalog: a lead then visits the parks its industry and regions reach instead of every park.
 */
export interface ParkIndex {
  /** By code position: the parks with the code as a lead or secondary focus. */
  byFocus: readonly Positions[];
  /** By code position: the parks with the code as a lead focus. */
  byLeadFocus: readonly Positions[];
  /** By region position: the parks in that very region. */
  byRegion: readonly Positions[];
  /** Every text that names a park region (see `namings`), to the regions it names and how locally. */
  regionsNamed: ReadonlyMap<string, readonly RegionNamed[]>;
}

function listed(count: number): number[][] {
  return Array.from({ length: count }, () => []);
}

/** Adds a position once, as parks are visited in order. */
function add(list: number[], position: number): void {
  if (list.at(-1) !== position) list.push(position);
}

export function indexParks(entries: readonly ParkEntry[], regions: readonly Region[], codeCount: number): ParkIndex {
  const byFocus = listed(codeCount);
  const byLeadFocus = listed(codeCount);
  const byRegion = listed(regions.length);
  for (const { position, region, park, focusCodes } of entries) {
    focusCodes.forEach((code, i) => {
      add(byFocus[code]!, position);
      if (park.industries[i]!.focus === 'lead') add(byLeadFocus[code]!, position);
    });
    byRegion[region]!.push(position);
  }
  const regionsNamed = new Map<string, RegionNamed[]>();
  regions.forEach((region, position) => {
    for (const text of namings(region)) {
      const level = namesRegion(text, region);
      const named = regionsNamed.get(text) ?? [];
      if (level === null || named.at(-1)?.region === position) continue;
      named.push({ region: position, level });
      regionsNamed.set(text, named);
    }
  });
  return { byFocus, byLeadFocus, byRegion, regionsNamed };
}
