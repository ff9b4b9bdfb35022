import type { Classification } from '@leadmatch/catalog-core';
import type { Carrier, ClusterFact, Park, Platform, Policy, Region } from '@leadmatch/domain';
import type { Factor, MatchCatalog, MatchLead, MatchResult, Reason, Suggestion } from '../../src/index.ts';
import { catalogOf, NO_NEEDS, seedSnapshot, seedTaxonomy, type Snapshot } from './seed-catalog.ts';

/** Small synthetic catalogs over the seed taxonomy, for tests that need one fact changed at a time. */

export const REF = { source: 'src-000', locator: '测试用' };
export const SUZHOU: Region = { province: '江苏省', city: '苏州市', district: null };
export const NINGBO: Region = { province: '浙江省', city: '宁波市', district: null };

export function park(id: string, overrides: Partial<Park> = {}): Park {
  return {
    id,
    name: `测试园区${id}`,
    nameEn: `Test park ${id}`,
    kind: 'industrial-park',
    region: SUZHOU,
    parentId: null,
    industries: [],
    thresholds: { minTaxPerMuWan: null, minInvestmentPerMuWan: null, evidence: null },
    sources: [REF],
    ...overrides,
  };
}

export function focus(code: string, level: 'lead' | 'secondary' = 'lead'): Park['industries'][number] {
  return { code, focus: level, evidence: REF };
}

export function carrier(id: string, parkId: string, type: Carrier['type'], overrides: Partial<Carrier> = {}): Carrier {
  return { id, parkId, type, label: `载体${id}`, area: null, tenure: null, status: 'operating', evidence: REF, ...overrides };
}

export function policy(id: string, overrides: Partial<Policy> = {}): Policy {
  return {
    id,
    name: `政策${id}`,
    kind: 'subsidy',
    issuer: null,
    parkIds: [],
    region: null,
    industries: [],
    benefit: '支持',
    amounts: [],
    validFrom: null,
    validTo: null,
    evidence: REF,
    ...overrides,
  };
}

export function platform(id: string, overrides: Partial<Platform> = {}): Platform {
  return { id, name: `平台${id}`, type: 'public-tech', parkId: null, region: SUZHOU, industries: [], services: '服务', evidence: REF, ...overrides };
}

export function fact(id: string, parkId: string, industry: string | null, metric: ClusterFact['metric'] = 'enterprises'): ClusterFact {
  return { id, parkId, industry, metric, label: `事实${id}`, amount: null, year: 2023, evidence: REF };
}

export function snapshotWith(parts: Partial<Omit<Snapshot, 'industries' | 'sources'>>, version = 1): Snapshot {
  return {
    version,
    sources: seedSnapshot.sources,
    industries: seedSnapshot.industries,
    parks: [],
    clusterFacts: [],
    carriers: [],
    policies: [],
    platforms: [],
    ...parts,
  };
}

export function catalogWith(parts: Partial<Omit<Snapshot, 'industries' | 'sources'>>, version = 1): MatchCatalog {
  return catalogOf(snapshotWith(parts, version), seedTaxonomy);
}

/** A classification naming these codes with full weight, as if the classifier had found them. */
export function classifiedAs(...codes: string[]): Classification {
  const matches = codes.map((code) => ({ code, weight: 1, matchedTerms: [seedTaxonomy.get(code)!.name.zhHans] }));
  const input = matches.map((match) => match.matchedTerms[0]).join('、');
  return { input, normalized: input, language: 'zh', matches, standard: [], registered: null, unmatched: matches.length === 0, message: '' };
}

export function leadClassifiedAs(codes: string[], overrides: Partial<MatchLead> = {}): MatchLead {
  const classification = classifiedAs(...codes);
  return { industry: classification.input || '无法识别的行业', classification, ...NO_NEEDS, ...overrides };
}

export function suggestionFor(result: MatchResult, parkId: string): Suggestion | undefined {
  return result.suggestions.find((suggestion) => suggestion.park.id === parkId);
}

export function reasonOf(suggestion: Suggestion | undefined, factor: Factor): Reason {
  const reason = suggestion?.reasons.find((r) => r.factor === factor);
  if (!reason) throw new Error(`no ${factor} reason`);
  return reason;
}

/** Reason and suggestion scores are rounded to 3 decimals. */
export const round3 = (value: number) => Math.round(value * 1000) / 1000;
