import type { Platform } from '@leadmatch/domain';
import type { CatalogTables, Coded, ParkEntry } from '../catalog-tables.ts';
import type { Kinships } from '../industry-kinship.ts';
import type { PlatformsReason, ReasonFindings } from '../facts.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { mergeById } from '../merge-by-id.ts';
import { uniqueTerms } from '../text.ts';
import { PLATFORM_WEIGHTS } from '../weights.ts';

type Relevance = 'unrelated' | 'all-industries' | 'industry-specific';

const RELEVANCE_WEIGHTS: Readonly<Record<Relevance, number>> = {
  unrelated: 0,
  'all-industries': PLATFORM_WEIGHTS.allIndustries,
  'industry-specific': PLATFORM_WEIGHTS.industrySpecific,
};

/** A platform serves the lead when it serves every industry, or one in the lead's industry line. */
function relevance({ codes }: Coded<Platform>, kinships: Kinships): Relevance {
  if (codes.length === 0) return 'all-industries';
  for (const code of codes) if (kinships[code]!.lineage) return 'industry-specific';
  return 'unrelated';
}

/**
 * No lead's platforms score for a park exceeds this, `count` being its own platforms plus those of its
 * areas: every one industry-specific and in the park. Null for none, as the score is then unknown.
 */
export function platformsCeiling(count: number): number | null {
  return count === 0 ? null : 1 - 0.5 ** (count * PLATFORM_WEIGHTS.industrySpecific * PLATFORM_WEIGHTS.inPark);
}

/** The platforms of one area, weighed for one lead as if none were in the park. */
interface AreaTally {
  weight: number;
  count: number;
}

function tallyArea(platforms: readonly Coded<Platform>[], kinships: Kinships): AreaTally {
  let weight = 0;
  for (const platform of platforms) weight += RELEVANCE_WEIGHTS[relevance(platform, kinships)] * PLATFORM_WEIGHTS.inRegion;
  return { weight, count: platforms.length };
}

/** Relevant platforms for one lead, in id order, industry-specific and all-industry apart. */
export interface PlatformListing {
  specific: Platform[];
  general: Platform[];
}

function listArea(platforms: readonly Coded<Platform>[], kinships: Kinships): PlatformListing {
  const listing: PlatformListing = { specific: [], general: [] };
  for (const platform of platforms) {
    const judged = relevance(platform, kinships);
    if (judged === 'industry-specific') listing.specific.push(platform.item);
    else if (judged === 'all-industries') listing.general.push(platform.item);
  }
  return listing;
}

/** The relevant platforms of a park: its own (and its zones'), and the others of its city and province. */
export interface PlatformFindings {
  inPark: PlatformListing;
  nearby: PlatformListing;
}

export interface PlatformAssessor {
  /** Null when the catalog knows no platform in the park, its city or its province as a whole. */
  score: (entry: ParkEntry) => number | null;
  findings: (entry: ParkEntry) => PlatformFindings;
}

const byPlatformId = (platform: Platform) => platform.id;

/**
 * Each relevant platform halves the distance to 1, weighted: fully when in the park, half when
 * elsewhere in its city or province-wide. Each area is judged once per lead as if none of its
 * platforms were in the park; a park's own platforms are then moved up to the in-park weight.
 */
export function platformAssessor(tables: CatalogTables, kinships: Kinships): PlatformAssessor {
  const tallies: AreaTally[] = [];
  const tally = (position: number) => (tallies[position] ??= tallyArea(tables.platformsByArea[position]!, kinships));
  /** By the park's last area: its city, or its province when it names no city (which settles the other). */
  const aroundParks: PlatformListing[] = [];
  const around = (areas: readonly number[]) => {
    const listings = areas.map((position) => listArea(tables.platformsByArea[position]!, kinships));
    return {
      specific: mergeById(listings.map((listing) => listing.specific), byPlatformId),
      general: mergeById(listings.map((listing) => listing.general), byPlatformId),
    };
  };
  return {
    score: ({ areas, ownPlatforms }) => {
      let weight = 0;
      let known = ownPlatforms.length;
      for (const position of areas) {
        const area = tally(position);
        weight += area.weight;
        known += area.count;
      }
      for (const platform of ownPlatforms) {
        const raise = PLATFORM_WEIGHTS.inPark - (platform.inParkArea ? PLATFORM_WEIGHTS.inRegion : 0);
        weight += RELEVANCE_WEIGHTS[relevance(platform, kinships)] * raise;
      }
      return known === 0 ? null : 1 - 0.5 ** weight;
    },
    findings: ({ park, areas, ownPlatforms }) => {
      const nearby = (aroundParks[areas.at(-1)!] ??= around(areas));
      return {
        inPark: listArea(ownPlatforms, kinships),
        nearby: { specific: notOf(park.id, nearby.specific), general: notOf(park.id, nearby.general) },
      };
    },
  };
}

/** The platforms that do not belong to the park itself. */
function notOf(parkId: string, platforms: readonly Platform[]): Platform[] {
  return platforms.filter((platform) => platform.parkId !== parkId);
}

/** Industry-specific first, then by id. */
const all = ({ specific, general }: PlatformListing) => [...specific, ...general];

export function platformIds({ inPark, nearby }: PlatformFindings): { inPark: string[]; nearby: string[] } {
  return { inPark: all(inPark).map(byPlatformId), nearby: all(nearby).map(byPlatformId) };
}

/** Some platform listed serves the lead's industry in particular: the reason then rests on the lead's industry words. */
export function platformsFacts(score: number | null, { inPark, nearby }: PlatformFindings, profile: LeadProfile): ReasonFindings<PlatformsReason> {
  const specific = score !== null && (inPark.specific.length > 0 || nearby.specific.length > 0);
  return { matchedTerms: specific ? uniqueTerms(profile.codes.flatMap((code) => code.matchedTerms)) : [] };
}
