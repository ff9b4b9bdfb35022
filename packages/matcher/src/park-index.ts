import type { Region } from '@leadmatch/domain';
import { divisionAt, type Division } from '@leadmatch/regions';
import type { ParkEntry } from './catalog-tables.ts';

type Positions = readonly number[];

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
  /** By region position: the GB/T 2260 division its province, city and district names stand for (see `divisionAt`). */
  regionDivisions: readonly (Division | null)[];
  /** By GB/T 2260 code: the regions (by position) that are that division or lie in it. */
  regionsWithin: ReadonlyMap<string, Positions>;
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
  return { byFocus, byLeadFocus, byRegion, ...indexDivisions(regions) };
}

function indexDivisions(regions: readonly Region[]): Pick<ParkIndex, 'regionDivisions' | 'regionsWithin'> {
  const regionDivisions = regions.map(({ province, city, district }) => divisionAt([province, city, district]));
  const regionsWithin = new Map<string, number[]>();
  regionDivisions.forEach((division, position) => {
    for (const code of division ? [...division.parents, division.code] : []) {
      const within = regionsWithin.get(code);
      if (within) within.push(position);
      else regionsWithin.set(code, [position]);
    }
  });
  return { regionDivisions, regionsWithin };
}
