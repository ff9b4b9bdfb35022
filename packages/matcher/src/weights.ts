import type { CarrierStatus, FocusLevel } from '@leadmatch/domain';
import type { Factor } from './types.ts';

/**
 * Every tunable number of the matcher, in one place. Change any of them (or a rule in the factor
 * files) and bump RULES_VERSION: each stored result names the rules that produced it.
 */
export const RULES_VERSION = 'leadmatch-rules/2';

/** Sum to 1. See README.md for the reasoning behind each. */
export const FACTOR_WEIGHTS: Readonly<Record<Factor, number>> = {
  industry: 0.35,
  carriers: 0.25,
  policies: 0.12,
  region: 0.1,
  platforms: 0.1,
  intensity: 0.08,
};

/** How code b (the park's) stands to the lead's code a; `parent` = the park's focus is broader. */
export const RELATION_VALUES = { exact: 1, parent: 0.8, child: 0.7, related: 0.35 } as const;
/** Each generation beyond the first (grandparent, grandchild …) multiplies the relation value by this. */
export const GENERATION_DECAY = 0.85;
export const FOCUS_VALUES: Readonly<Record<FocusLevel, number>> = { lead: 1, secondary: 0.75 };
/** The industry score is FOCUS_SHARE of the best focus match plus CLUSTER_SHARE of cluster strength. */
export const FOCUS_SHARE = 0.85;
export const CLUSTER_SHARE = 0.15;
/** Cluster facts in the lead's industry needed for full cluster strength. */
export const CLUSTER_FACTS_FOR_FULL_STRENGTH = 4;
/** A classified code weighing less than this (a side mention) cannot make a match strong. */
export const STRONG_CODE_WEIGHT = 0.5;

/** Any carrier that fits scores at least this; the rest of the range rewards quality and covering every use. */
export const FITTING_CARRIER_FLOOR = 0.5;
export const AREA_UNKNOWN_FACTOR = 0.8;
export const TENURE_UNKNOWN_FACTOR = 0.9;
export const STATUS_FACTORS: Readonly<Record<CarrierStatus, number>> = {
  available: 1,
  operating: 1,
  'under-construction': 0.85,
  unknown: 0.8,
  planned: 0.7,
};
/** An area given as 'about' X still fits a need up to X / ABOUT_AREA_TOLERANCE. */
export const ABOUT_AREA_TOLERANCE = 0.9;
/** A lead without land need and with at most this many employees or this much floor space is early-stage. */
export const SMALL_LEAD_MAX_EMPLOYEES = 20;
export const SMALL_LEAD_MAX_BUILDING_M2 = 1000;

/** Policies and platforms: each relevant item halves the distance to 1, weighted as below. */
export const POLICY_WEIGHTS = { industrySpecific: 1, allIndustries: 0.5 } as const;
export const PLATFORM_WEIGHTS = { industrySpecific: 1, allIndustries: 0.25, inPark: 1, inRegion: 0.5 } as const;

/** A park that matches only a province-level preference (江苏) rather than a city or district (苏州). */
export const PROVINCE_ONLY_REGION_SCORE = 0.8;
/** A park elsewhere in the city of a preferred county or district (a 苏州市 park for 昆山). */
export const CITY_ONLY_REGION_SCORE = 0.9;

/** What an unknown factor is assumed to be worth when capping a park that knows less. */
export const NEUTRAL_SCORE = 0.5;
/** The score of a park with no industry relation to the lead is multiplied by this. */
export const NO_RELATION_FACTOR = 0.5;
/** A known carriers score below this (none fits) blocks `strong`; a factor at or above it counts as good for the lead. */
export const GOOD_SCORE = 0.5;
