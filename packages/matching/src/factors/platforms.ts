import type { Platform } from '@leadmatch/domain';
import type { CatalogTables, Coded, ParkEntry } from '../catalog-tables.ts';
import type { Kinships } from '../industry-kinship.ts';
import { PLATFORM_TYPE_LABELS } from '../labels.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { counted, listEn, listZh, uniqueEvidence, uniqueTerms, type Explanation } from '../text.ts';
import type { SuggestedPlatform } from '../types.ts';
import { PLATFORM_WEIGHTS } from '../weights.ts';

type Relevance = 'unrelated' | 'all-industries' | 'industry-specific';

const RELEVANCE_WEIGHTS: Readonly<Record<Relevance, number>> = {
  unrelated: 0,
  'all-industries': PLATFORM_WEIGHTS.allIndustries,
  'industry-specific': PLATFORM_WEIGHTS.industrySpecific,
};

/** Null when the catalog knows no platform in the park, its city or its province as a whole. */
export type PlatformAssessor = (entry: ParkEntry) => number | null;

/** A platform serves the lead when it serves every industry, or one in the lead's industry line. */
function relevance({ codes }: Coded<Platform>, kinships: Kinships): Relevance {
  if (codes.length === 0) return 'all-industries';
  for (const code of codes) if (kinships[code]!.lineage) return 'industry-specific';
  return 'unrelated';
}

/**
 * Each relevant platform halves the distance to 1, weighted: fully when in the park, half when
 * elsewhere in its city or province-wide. Each area is tallied once per lead as if none of its
 * platforms were in the park; a park's own platforms are then moved up to the in-park weight.
 */
export function platformAssessor(tables: CatalogTables, kinships: Kinships): PlatformAssessor {
  const areaTallies: { weight: number; count: number }[] = [];
  const tallyArea = (position: number) => {
    const platforms = tables.platformsByArea[position]!;
    let weight = 0;
    for (const platform of platforms) weight += RELEVANCE_WEIGHTS[relevance(platform, kinships)] * PLATFORM_WEIGHTS.inRegion;
    return { weight, count: platforms.length };
  };
  return ({ areas, ownPlatforms }) => {
    let weight = 0;
    let known = ownPlatforms.length;
    for (const position of areas) {
      const area = (areaTallies[position] ??= tallyArea(position));
      weight += area.weight;
      known += area.count;
    }
    for (const platform of ownPlatforms) {
      const raise = PLATFORM_WEIGHTS.inPark - (platform.inParkArea ? PLATFORM_WEIGHTS.inRegion : 0);
      weight += RELEVANCE_WEIGHTS[relevance(platform, kinships)] * raise;
    }
    return known === 0 ? null : 1 - 0.5 ** weight;
  };
}

interface Listed {
  platform: Platform;
  relevance: Relevance;
  inPark: boolean;
}

/** The relevant platforms, in-park first; within each, industry-specific first, then by id. */
function listed({ park, areas, ownPlatforms }: ParkEntry, tables: CatalogTables, kinships: Kinships): Listed[] {
  const elsewhere = areas.flatMap((position) => tables.platformsByArea[position]!).filter(({ item }) => item.parkId !== park.id);
  const found = [
    ...ownPlatforms.map((coded) => ({ platform: coded.item, relevance: relevance(coded, kinships), inPark: true })),
    ...elsewhere.map((coded) => ({ platform: coded.item, relevance: relevance(coded, kinships), inPark: false })),
  ];
  return found
    .filter((f) => f.relevance !== 'unrelated')
    .sort(
      (a, b) =>
        Number(b.inPark) - Number(a.inPark) ||
        RELEVANCE_WEIGHTS[b.relevance] - RELEVANCE_WEIGHTS[a.relevance] ||
        (a.platform.id < b.platform.id ? -1 : 1),
    );
}

export function suggestedPlatforms(entry: ParkEntry, tables: CatalogTables, kinships: Kinships): SuggestedPlatform[] {
  return listed(entry, tables, kinships).map(({ platform, inPark }) => ({ id: platform.id, name: platform.name, type: platform.type, inPark }));
}

export function explainPlatforms(score: number | null, entry: ParkEntry, tables: CatalogTables, kinships: Kinships, profile: LeadProfile): Explanation {
  if (score === null) {
    return {
      zh: '目录中没有该园区及其所在城市、省份的服务平台信息，此项不计分。',
      en: 'The catalog knows no service platform in this park, its city or its province, so this factor is left out.',
      matchedTerms: [],
      evidence: [],
    };
  }
  const found = listed(entry, tables, kinships);
  if (found.length === 0) {
    return {
      zh: '园区及所在地区的服务平台都不面向企业所在的产业。',
      en: "None of the service platforms in the park or its area serves the lead's industry.",
      matchedTerms: [],
      evidence: [],
    };
  }
  const name = (f: Listed) => ({
    zh: `${f.platform.name}（${PLATFORM_TYPE_LABELS[f.platform.type].zh}）`,
    en: `${f.platform.name} (${PLATFORM_TYPE_LABELS[f.platform.type].en})`,
  });
  const inPark = found.filter((f) => f.inPark).map(name);
  const nearby = found.filter((f) => !f.inPark).map(name);
  const zh = [
    inPark.length > 0 ? `园区内有 ${inPark.length} 个可用的服务平台：${listZh(inPark.map((n) => n.zh))}` : '园区内没有面向该产业的服务平台',
    nearby.length > 0 ? `所在城市或省份${inPark.length > 0 ? '另' : ''}有 ${nearby.length} 个：${listZh(nearby.map((n) => n.zh))}` : '',
  ];
  const en = [
    inPark.length > 0
      ? `${counted(inPark.length, 'service platform')} in the park ${inPark.length === 1 ? 'serves' : 'serve'} the lead: ${listEn(inPark.map((n) => n.en))}`
      : "No platform in the park serves the lead's industry",
    nearby.length > 0 ? `${nearby.length} ${inPark.length > 0 ? 'more ' : ''}in its city or province: ${listEn(nearby.map((n) => n.en))}` : '',
  ];
  const specific = found.some((f) => f.relevance === 'industry-specific');
  return {
    zh: `${zh.filter(Boolean).join('；')}。`,
    en: `${en.filter(Boolean).join('; ')}.`,
    matchedTerms: specific ? uniqueTerms(profile.codes.flatMap((code) => code.matchedTerms)) : [],
    evidence: uniqueEvidence(found.map((f) => f.platform.evidence)),
  };
}
