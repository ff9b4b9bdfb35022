import type { Platform } from '@leadmatch/domain';
import type { CatalogTables, Coded, ParkEntry } from '../catalog-tables.ts';
import type { Kinships } from '../industry-kinship.ts';
import { PLATFORM_TYPE_LABELS } from '../labels.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { mergeById } from '../merge-by-id.ts';
import { counted, listEnOf, listZhOf, uniqueEvidence, uniqueTerms, type Explanation } from '../text.ts';
import type { SuggestedPlatform } from '../types.ts';
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

const all = ({ specific, general }: PlatformListing) => [...specific, ...general];

const suggested = (platform: Platform, inPark: boolean): SuggestedPlatform => ({ id: platform.id, name: platform.name, type: platform.type, inPark });

/** In-park first; within each, industry-specific first, then by id. */
export function suggestedPlatforms({ inPark, nearby }: PlatformFindings): SuggestedPlatform[] {
  return [...all(inPark).map((platform) => suggested(platform, true)), ...all(nearby).map((platform) => suggested(platform, false))];
}

const nameZh = (platform: Platform) => `${platform.name}（${PLATFORM_TYPE_LABELS[platform.type].zh}）`;
const nameEn = (platform: Platform) => `${platform.name} (${PLATFORM_TYPE_LABELS[platform.type].en})`;

export function explainPlatforms(score: number | null, findings: PlatformFindings, profile: LeadProfile): Explanation {
  if (score === null) {
    return {
      zh: '目录中没有该园区及其所在城市、省份的服务平台信息，此项不计分。',
      en: 'The catalog knows no service platform in this park, its city or its province, so this factor is left out.',
      matchedTerms: [],
      evidence: [],
    };
  }
  const inPark = all(findings.inPark);
  const nearby = all(findings.nearby);
  if (inPark.length === 0 && nearby.length === 0) {
    return {
      zh: '园区及所在地区的服务平台都不面向企业所在的产业。',
      en: "None of the service platforms in the park or its area serves the lead's industry.",
      matchedTerms: [],
      evidence: [],
    };
  }
  const zh = [
    inPark.length > 0 ? `园区内有 ${inPark.length} 个可用的服务平台：${listZhOf(inPark, nameZh)}` : '园区内没有面向该产业的服务平台',
    nearby.length > 0 ? `所在城市或省份${inPark.length > 0 ? '另' : ''}有 ${nearby.length} 个：${listZhOf(nearby, nameZh)}` : '',
  ];
  const en = [
    inPark.length > 0
      ? `${counted(inPark.length, 'service platform')} in the park ${inPark.length === 1 ? 'serves' : 'serve'} the lead: ${listEnOf(inPark, nameEn)}`
      : "No platform in the park serves the lead's industry",
    nearby.length > 0 ? `${nearby.length} ${inPark.length > 0 ? 'more ' : ''}in its city or province: ${listEnOf(nearby, nameEn)}` : '',
  ];
  const specific = findings.inPark.specific.length > 0 || findings.nearby.specific.length > 0;
  return {
    zh: `${zh.filter(Boolean).join('；')}。`,
    en: `${en.filter(Boolean).join('; ')}.`,
    matchedTerms: specific ? uniqueTerms(profile.codes.flatMap((code) => code.matchedTerms)) : [],
    evidence: uniqueEvidence([...inPark, ...nearby].map((platform) => platform.evidence)),
  };
}
