import type { CatalogIndex, Taxonomy } from '@leadmatch/catalog-core';
import { type LeadNeeds, type SourceRef, squareMetresToMu, type Tenure } from '@leadmatch/domain';
import {
  CARRIER_TYPE_LABELS,
  PLATFORM_TYPE_LABELS,
  POLICY_KIND_LABELS,
  STATUS_LABELS,
  TENURE_LABELS,
  USE_LABELS,
  type Factor,
  type Fit,
  type MatchResult,
  type Suggestion,
} from '@leadmatch/matcher';

/**
 * What a brief says, already in words: the layout only places it. `null` is a fact the lead or the
 * catalog does not give; the layout prints it as unknown (未知 / 未记载) and nothing is guessed.
 */
export interface BriefData {
  /** The stored lead the brief is for, or null for a preview of a lead that is not stored. */
  leadId: string | null;
  companyName: string | null;
  needs: BriefNeedRow[];
  summary: string;
  /** A word on the run the brief shows, when it is not the lead's current state (a re-match under way, a failed one). */
  note: string | null;
  parks: BriefPark[];
  parksTotal: number;
  sources: BriefSource[];
  sourcesTotal: number;
  catalogVersion: number;
  rulesVersion: string;
  /** When the match was made (a stored run's time; now for a preview). */
  matchedAt: Date;
  generatedAt: Date;
}

export interface BriefNeedRow {
  label: string;
  value: string | null;
}

export interface BriefReason {
  factor: string;
  text: string;
}

export interface BriefPark {
  rank: number;
  name: string;
  nameEn: string | null;
  parentName: string | null;
  fit: string;
  score: number;
  /** The factors that were judged, the one that weighed most first. */
  reasons: BriefReason[];
  /** Factors the catalog knows too little to judge (counted as neutral). */
  unjudged: string[];
  carriers: { text: string }[];
  carriersTotal: number;
  policies: { text: string }[];
  policiesTotal: number;
  platforms: { text: string }[];
  platformsTotal: number;
}

export interface BriefSource {
  id: string;
  title: string | null;
  publisher: string | null;
  publishedOn: string | null;
  url: string | null;
}

/** A lead's needs as the brief reads them: no contact, only what the company wants. */
export type BriefNeeds = Pick<
  LeadNeeds,
  | 'companyName'
  | 'industry'
  | 'industryCode'
  | 'uses'
  | 'landM2'
  | 'buildingM2'
  | 'buildingTenure'
  | 'annualTaxWan'
  | 'investmentWan'
  | 'employees'
  | 'regions'
  | 'policyInterests'
>;

export interface BriefCatalog {
  index: Pick<CatalogIndex, 'sources'>;
  taxonomy: Pick<Taxonomy, 'has' | 'displayName'>;
}

export interface BriefInput {
  leadId: string | null;
  needs: BriefNeeds;
  /** The match rendered in full (every source kept: the brief cuts the lists itself). */
  result: MatchResult;
  catalog: BriefCatalog;
  matchedAt: Date;
  generatedAt: Date;
  note?: string | null;
}

/** Parks, and carriers, policies and platforms of each, the brief lists: as many as the brief answers of the API. */
export const LISTED = 3;
/** Sources listed at the end; the rest are counted. */
export const SOURCES_LISTED = 10;

const FACTOR_LABELS: Readonly<Record<Factor, string>> = {
  industry: '产业',
  carriers: '载体',
  policies: '政策',
  intensity: '投入产出强度',
  region: '区域',
  platforms: '服务平台',
};

const FIT_LABELS: Readonly<Record<Fit, string>> = { strong: '高度匹配', partial: '部分匹配', weak: '匹配度低' };

const BUILDING_TENURE_LABELS: Readonly<Record<Tenure, string>> = { rent: '租赁', buy: '购买', build: '自建', any: '租购均可' };

const number = (value: number, decimals = 2) => value.toLocaleString('zh-CN', { maximumFractionDigits: decimals });
const joined = (items: readonly string[]) => (items.length ? items.join('、') : null);

function industryText(needs: BriefNeeds, result: MatchResult, taxonomy: BriefCatalog['taxonomy']): string {
  const named = (code: string) => (taxonomy.has(code) ? taxonomy.displayName(code).zhHans : code);
  const codes = result.industryCodes.slice(0, 3).map((entry) => named(entry.code));
  const parts = [needs.industry];
  if (needs.industryCode) parts.push(`登记行业：${named(needs.industryCode)}`);
  if (codes.length) parts.push(`匹配所用行业：${codes.join('；')}`);
  return parts.join('\n');
}

function needRows(needs: BriefNeeds, result: MatchResult, taxonomy: BriefCatalog['taxonomy']): BriefNeedRow[] {
  const area = needs.landM2 === null ? null : `${number(squareMetresToMu(needs.landM2))} 亩（${number(needs.landM2, 0)} m²）`;
  const building =
    needs.buildingM2 === null
      ? null
      : `${number(needs.buildingM2, 0)} m²${needs.buildingTenure ? `（${BUILDING_TENURE_LABELS[needs.buildingTenure]}）` : ''}`;
  const wan = (value: number | null) => (value === null ? null : `${number(value)} 万元`);
  return [
    { label: '行业', value: industryText(needs, result, taxonomy) },
    { label: '用途', value: joined(needs.uses.map((use) => USE_LABELS[use].zh)) },
    { label: '用地需求', value: area },
    { label: '建筑面积', value: building },
    { label: '年纳税', value: wan(needs.annualTaxWan) },
    { label: '投资额', value: wan(needs.investmentWan) },
    { label: '员工人数', value: needs.employees === null ? null : `${number(needs.employees, 0)} 人` },
    { label: '意向区域', value: joined(needs.regions) ?? '未限定' },
    { label: '政策关注', value: joined(needs.policyInterests.map((interest) => POLICY_KIND_LABELS[interest].zh)) ?? '未填写' },
  ];
}

function carrierText(carrier: Suggestion['carriers'][number]): string {
  const area = carrier.areaM2 === null ? '面积未知' : `${number(carrier.areaM2, 0)} m²`;
  const tenure = carrier.tenure === null ? '租售方式未记载' : carrier.tenure.map((tenure) => TENURE_LABELS[tenure].zh).join('/');
  const status = STATUS_LABELS[carrier.status as keyof typeof STATUS_LABELS]?.zh ?? carrier.status;
  return `${carrier.label}（${CARRIER_TYPE_LABELS[carrier.type].zh}，${area}，${tenure}，${status}）`;
}

function parkView(suggestion: Suggestion): BriefPark {
  const judged = suggestion.reasons
    .filter((reason) => reason.score !== null)
    .sort((a, b) => b.weight * (b.score ?? 0) - a.weight * (a.score ?? 0));
  const { carriers, policies, platforms } = suggestion;
  return {
    rank: suggestion.rank,
    name: suggestion.park.name,
    nameEn: suggestion.park.nameEn.trim() || null,
    parentName: suggestion.park.parentName,
    fit: FIT_LABELS[suggestion.fit],
    score: suggestion.score,
    reasons: judged.map((reason) => ({ factor: FACTOR_LABELS[reason.factor], text: reason.zh })),
    unjudged: suggestion.reasons.filter((reason) => reason.score === null).map((reason) => FACTOR_LABELS[reason.factor]),
    carriers: carriers.slice(0, LISTED).map((carrier) => ({ text: carrierText(carrier) })),
    carriersTotal: carriers.length,
    policies: policies.slice(0, LISTED).map((policy) => ({ text: `${policy.name}（${POLICY_KIND_LABELS[policy.kind].zh}）` })),
    policiesTotal: policies.length,
    platforms: platforms.slice(0, LISTED).map((platform) => ({
      text: `${platform.name}（${PLATFORM_TYPE_LABELS[platform.type].zh}，${platform.inPark ? '园区内' : '服务所在城市或省份'}）`,
    })),
    platformsTotal: platforms.length,
  };
}

/** The sources the listed parks' reasons rest on, in the order they are first cited. */
function citedSources(suggestions: readonly Suggestion[], index: BriefCatalog['index']): BriefSource[] {
  const refs: SourceRef[] = suggestions.flatMap((suggestion) => suggestion.reasons.flatMap((reason) => reason.evidence));
  const ids = [...new Set(refs.map((ref) => ref.source))];
  return ids.map((id) => {
    const source = index.sources.get(id);
    return {
      id,
      title: source?.title ?? null,
      publisher: source?.publisher ?? null,
      publishedOn: source?.publishedOn ?? null,
      url: source?.url ?? null,
    };
  });
}

/** The brief of one match: the lead's needs, the first parks with what decided, and the sources cited. */
export function briefData(input: BriefInput): BriefData {
  const { needs, result, catalog } = input;
  const listed = result.suggestions.slice(0, LISTED);
  const sources = citedSources(listed, catalog.index);
  return {
    leadId: input.leadId,
    companyName: needs.companyName,
    needs: needRows(needs, result, catalog.taxonomy),
    summary: result.summary.zh,
    note: input.note ?? null,
    parks: listed.map(parkView),
    parksTotal: result.suggestions.length,
    sources: sources.slice(0, SOURCES_LISTED),
    sourcesTotal: sources.length,
    catalogVersion: result.catalogVersion,
    rulesVersion: result.rulesVersion,
    matchedAt: input.matchedAt,
    generatedAt: input.generatedAt,
  };
}
