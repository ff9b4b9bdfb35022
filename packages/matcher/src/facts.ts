import type { Agreement, Relation } from '@leadmatch/catalog-core';
import type { MatchedPlace, RegionMatch } from './factors/region.ts';
import type { LeadUse, PolicyInterest } from '@leadmatch/domain';
import type { Blocker } from './fit.ts';
import type { Fit, MatchResult } from './types.ts';

/**
 * What a match found, without its words: plain JSON, the same for the same inputs (keys and arrays in
 * a fixed order), so two runs can be compared. Catalog documents are named by id; `renderMatch` words
 * it with the documents of the catalog version it was matched against.
 */
export interface MatchFacts {
  rulesVersion: string;
  catalogVersion: number;
  industryCodes: MatchResult['industryCodes'];
  hasStrongFit: boolean;
  excluded: MatchResult['excluded'];
  lead: LeadFacts;
  summary: SummaryFacts;
  suggestions: SuggestionFacts[];
}

/** The lead's own words and figures that the sentences quote. */
export interface LeadFacts {
  /** The lead's industry text when none of it was recognised (the sentences quote it then); null otherwise. */
  unrecognisedIndustry: string | null;
  uses: LeadUse[];
  landM2: number | null;
  buildingM2: number | null;
  annualTaxWan: number | null;
  investmentWan: number | null;
  policyInterests: PolicyInterest[];
  /** Preferred regions that name some catalogued park's location, and those that name none (not applied). */
  regions: { recognised: string[]; ignored: string[] };
  /** The registered class, when it and the description do not simply agree; null otherwise. */
  registered: RegisteredFacts | null;
}

/** How the classifier weighed the registered class against the description. */
export interface RegisteredFacts {
  code: string;
  agreement: Exclude<Agreement, 'same'>;
  used: 'registered' | 'text' | 'both';
  /** The class the description points to, and how sure it is; null when the description was not recognised. */
  described: { code: string; confidence: number } | null;
}

export interface SummaryFacts {
  /** Strong fits among all admitted parks, not only those suggested. */
  strongParks: number;
  /** Some park of the catalog lists a focus related to the lead's industry. */
  focusInCatalog: boolean;
}

export interface SuggestionFacts {
  rank: number;
  park: string;
  /** The zone the park sits in, whose name the suggestion gives. */
  parentPark: string | null;
  score: number;
  fit: Fit;
  /** What keeps the park from being a strong fit. */
  blockers: Blocker[];
  /** The fitting carriers, best first. */
  carriers: string[];
  /** The relevant policies: those the lead named, then industry-specific, then all-industry ones, each in id order. */
  policies: string[];
  /** The relevant platforms of the park (and its zones), and those of its city and province. */
  platforms: { inPark: string[]; nearby: string[] };
  reasons: ReasonsFacts;
}

/** In FACTORS order. */
export type ReasonsFacts = [IndustryReason, CarriersReason, PoliciesReason, IntensityReason, RegionReason, PlatformsReason];

/** What a factor found for one park, beside its score. */
export type ReasonFindings<R extends ReasonFacts<unknown>> = Omit<R, 'factor' | 'score' | 'weight'>;

interface ReasonFacts<F> {
  factor: F;
  score: number | null;
  weight: number;
  matchedTerms: string[];
}

export interface IndustryReason extends ReasonFacts<'industry'> {
  /**
   * The park's focus entries related to the lead's industry, best first: the position of the entry in the
   * park's industries, the position in `industryCodes` of the lead code relating best, and how it relates.
   */
  focus: { at: number; code: number; relation: Exclude<Relation, null> }[];
  /** The cluster facts of the park and its zones in the lead's industry line, by id. */
  clusterFacts: string[];
}

export interface CarriersReason extends ReasonFacts<'carriers'> {
  /** When carriers are known and none fits: all of them, and why each does not. */
  noneFits: { carriers: string[]; wrongType: number; short: number; wrongTenure: number } | null;
}

export interface PoliciesReason extends ReasonFacts<'policies'> {
  /** Policies in force reaching the park, relevant or not, and those out of force. */
  active: number;
  inactive: number;
  /** For each policy the lead named (the first of the suggestion's policies), the lead's words naming it. */
  named: string[][];
  /** How many industry-specific policies follow the named ones. */
  specific: number;
}

/** The park's floors and the lead's figures are all the sentence needs. */
export type IntensityReason = ReasonFacts<'intensity'>;

export interface RegionReason extends ReasonFacts<'region'> {
  /** How closely the lead's preferences take in the park's region; null when none does. */
  level: RegionMatch | null;
  /** For each of `matchedTerms`, the GB/T 2260 division it was read as, and how it takes the park in. */
  places: MatchedPlace[];
  /** The GB/T 2260 code of the division the park's region names stand for; null when they stand for none. */
  parkDivision: string | null;
}

export type PlatformsReason = ReasonFacts<'platforms'>;
