import type { CatalogIndex, Classification, Taxonomy } from '@leadmatch/catalog-core';
import type {
  CarrierTenure,
  CarrierType,
  LeadUse,
  Platform,
  PlatformType,
  PolicyInterest,
  PolicyKind,
  SourceRef,
  Tenure,
} from '@leadmatch/domain';

/** What matching needs of a lead: its needs in canonical units, and its industry already classified. */
export interface MatchLead {
  industry: string;
  classification: Classification;
  uses: LeadUse[];
  landM2: number | null;
  buildingM2: number | null;
  buildingTenure: Tenure | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  employees: number | null;
  regions: string[];
  policyInterests: PolicyInterest[];
  /** Free text read only for the policy instruments it names (创新券, 苗圃贷 …). */
  notes: string | null;
}

/** The catalog at one version; `LoadedCatalog` from @leadmatch/catalog fits. */
export interface MatchCatalog {
  index: CatalogIndex;
  taxonomy: Taxonomy;
  /**
   * Optional: the snapshot's platforms. `CatalogIndex` keeps only platforms that belong to a park;
   * given the snapshot, city- and province-wide platforms with no park count too.
   */
  snapshot?: { platforms: readonly Platform[] };
}

export interface MatchOptions {
  /** Suggestions returned; default 5. */
  topN?: number;
  /** Time is passed in (policy validity), never read from a clock. */
  now: Date;
}

export const FACTORS = ['industry', 'carriers', 'policies', 'intensity', 'region', 'platforms'] as const;
export type Factor = (typeof FACTORS)[number];
export type Fit = 'strong' | 'partial' | 'weak';

export interface Reason {
  factor: Factor;
  /** 0..1; null when the catalog does not know enough to judge (the factor then counts as neutral). */
  score: number | null;
  weight: number;
  zh: string;
  en: string;
  /** Words of the lead this reason rests on (from its industry text, uses, regions …). */
  matchedTerms: string[];
  /** Sources of the catalog facts this reason uses. */
  evidence: SourceRef[];
}

export interface SuggestedCarrier {
  id: string;
  type: CarrierType;
  label: string;
  areaM2: number | null;
  tenure: CarrierTenure[] | null;
  status: string;
}

export interface SuggestedPolicy {
  id: string;
  name: string;
  kind: PolicyKind;
}

export interface SuggestedPlatform {
  id: string;
  name: string;
  type: PlatformType;
  /** True when the platform belongs to the suggested park itself, false when it serves its city or province. */
  inPark: boolean;
}

export interface Suggestion {
  rank: number;
  park: { id: string; name: string; nameEn: string; parentName: string | null };
  score: number;
  fit: Fit;
  carriers: SuggestedCarrier[];
  policies: SuggestedPolicy[];
  platforms: SuggestedPlatform[];
  reasons: Reason[];
}

export interface MatchResult {
  rulesVersion: string;
  catalogVersion: number;
  /** The industry codes the lead was matched on, with the words that matched. */
  industryCodes: { code: string; weight: number; matchedTerms: string[] }[];
  /** True when at least one suggestion is `strong`. */
  hasStrongFit: boolean;
  /** One plain sentence on the whole answer; says so when no park fits well. */
  summary: { zh: string; en: string };
  suggestions: Suggestion[];
  /** Parks ruled out by a hard constraint, and why (counts per constraint). */
  excluded: { constraint: 'region' | 'land'; parks: number }[];
}
