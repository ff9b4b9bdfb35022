/** The closed word lists of the park catalog: kinds, types, statuses and metrics its documents use. */

export const PARK_KINDS = [
  'development-zone',
  'high-tech-zone',
  'new-area',
  'industrial-park',
  'sub-park',
  'innovation-centre',
  'startup-park',
  'business-district',
  'co-built-park',
  'park-group',
] as const;
export const FOCUS_LEVELS = ['lead', 'secondary'] as const;
export const CARRIER_TYPES = [
  'land',
  'standard-factory',
  'rnd-building',
  'lab',
  'pilot-base',
  'office',
  'incubator',
  'warehouse',
] as const;
export const CARRIER_STATUSES = ['available', 'operating', 'under-construction', 'planned', 'unknown'] as const;
export const CARRIER_TENURES = ['rent', 'sale'] as const;
export const POLICY_KINDS = ['financing', 'talent', 'ip', 'subsidy', 'listing', 'scenario', 'tax', 'land'] as const;
export const PLATFORM_TYPES = [
  'testing-registration',
  'cdmo',
  'incubator',
  'fund',
  'public-tech',
  'research-institute',
  'service-centre',
] as const;
export const FACT_METRICS = [
  'enterprises',
  'output',
  'ranking',
  'national-platform',
  'designation',
  'listed-companies',
  'investment',
  'financing',
  'talent',
  'rnd-intensity',
  'registrations',
  'other',
] as const;
export const QUALIFIERS = ['exact', 'over', 'about', 'under'] as const;

export type ParkKind = (typeof PARK_KINDS)[number];
export type FocusLevel = (typeof FOCUS_LEVELS)[number];
export type CarrierType = (typeof CARRIER_TYPES)[number];
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];
export type CarrierTenure = (typeof CARRIER_TENURES)[number];
export type PolicyKind = (typeof POLICY_KINDS)[number];
export type PlatformType = (typeof PLATFORM_TYPES)[number];
