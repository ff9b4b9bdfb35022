import type { Policy } from '@leadmatch/domain';
import type { CatalogTables, Coded, ParkEntry } from '../catalog-tables.ts';
import type { Kinships } from '../industry-kinship.ts';
import type { PoliciesReason, ReasonFindings } from '../facts.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { mergeById } from '../merge-by-id.ts';
import { uniqueTerms } from '../text.ts';
import { POLICY_WEIGHTS } from '../weights.ts';

type Verdict = 'inactive' | 'unrelated' | 'all-industries' | 'industry-specific' | 'named';

/**
 * In force at `today` (validFrom/validTo inclusive, null = open); named by the lead's own words (an
 * instrument or product it wrote, whatever its kind or industries); of a kind the lead asked about
 * (any kind when it named none; land and tax policies also serve a lead that needs land); for every
 * industry, or for one in the lead's industry line (exact, parent or child).
 */
function judge({ item: policy, codes }: Coded<Policy>, profile: LeadProfile, kinships: Kinships): Verdict {
  const { today, lead } = profile;
  if ((policy.validFrom !== null && policy.validFrom > today) || (policy.validTo !== null && policy.validTo < today)) return 'inactive';
  if (profile.instruments.byPolicy(policy).length > 0) return 'named';
  const kindWanted =
    lead.policyInterests.length === 0 ||
    (lead.policyInterests as readonly string[]).includes(policy.kind) ||
    (lead.landM2 !== null && (policy.kind === 'land' || policy.kind === 'tax'));
  if (!kindWanted) return 'unrelated';
  if (codes.length === 0) return 'all-industries';
  for (const code of codes) if (kinships[code]!.lineage) return 'industry-specific';
  return 'unrelated';
}

const VERDICT_WEIGHTS: Readonly<Record<Verdict, number>> = {
  inactive: 0,
  unrelated: 0,
  'all-industries': POLICY_WEIGHTS.allIndustries,
  'industry-specific': POLICY_WEIGHTS.industrySpecific,
  named: POLICY_WEIGHTS.industrySpecific,
};

/** No lead's policies score for a park reached by `count` policies exceeds this: every one in force and industry-specific. Null for none. */
export function policiesCeiling(count: number): number | null {
  return count === 0 ? null : 1 - 0.5 ** (count * POLICY_WEIGHTS.industrySpecific);
}

/** Some policies (an area's region-wide ones, or a park's own) weighed for one lead. */
interface Tally {
  weight: number;
  /** In force, relevant or not. */
  active: number;
}

function tally(policies: readonly Coded<Policy>[], profile: LeadProfile, kinships: Kinships): Tally {
  const counted: Tally = { weight: 0, active: 0 };
  for (const policy of policies) {
    const verdict = judge(policy, profile, kinships);
    if (verdict !== 'inactive') counted.active++;
    counted.weight += VERDICT_WEIGHTS[verdict];
  }
  return counted;
}

/** Some policies judged for one lead: what they come to for a suggestion and its reason. */
export interface PolicyFindings {
  /** The relevant ones in id order: those the lead named, industry-specific and all-industry apart. */
  named: Policy[];
  specific: Policy[];
  general: Policy[];
  /** In force, relevant or not. */
  active: number;
  inactive: number;
}

function list(policies: readonly Coded<Policy>[], profile: LeadProfile, kinships: Kinships): PolicyFindings {
  const listing: PolicyFindings = { named: [], specific: [], general: [], active: 0, inactive: 0 };
  for (const policy of policies) {
    const verdict = judge(policy, profile, kinships);
    if (verdict === 'inactive') listing.inactive++;
    else listing.active++;
    if (verdict === 'named') listing.named.push(policy.item);
    else if (verdict === 'industry-specific') listing.specific.push(policy.item);
    else if (verdict === 'all-industries') listing.general.push(policy.item);
  }
  return listing;
}

export interface PolicyAssessor {
  /** Null when no policy in force reaches the park. */
  score: (entry: ParkEntry) => number | null;
  findings: (entry: ParkEntry) => PolicyFindings;
}

const byPolicyId = (policy: Policy) => policy.id;

/**
 * Each relevant policy halves the distance to 1. Region-wide policies reach many parks: each area's
 * are judged once per lead, and merged once for the parks sharing the areas.
 */
export function policyAssessor(tables: CatalogTables, profile: LeadProfile, kinships: Kinships): PolicyAssessor {
  const tallies: Tally[] = [];
  /** By the park's last area: its city, or its province when it names no city (which settles the other). */
  const aroundParks: PolicyFindings[] = [];
  const around = (areas: readonly number[]) => merged(areas.map((position) => list(tables.policiesByArea[position]!, profile, kinships)));
  return {
    score: ({ namingPolicies, areas }) => {
      const own = tally(namingPolicies, profile, kinships);
      let { weight, active } = own;
      for (const position of areas) {
        const area = (tallies[position] ??= tally(tables.policiesByArea[position]!, profile, kinships));
        weight += area.weight;
        active += area.active;
      }
      return active === 0 ? null : 1 - 0.5 ** weight;
    },
    findings: ({ namingPolicies, areas }) => merged([list(namingPolicies, profile, kinships), (aroundParks[areas.at(-1)!] ??= around(areas))]),
  };
}

function merged(listings: readonly PolicyFindings[]): PolicyFindings {
  return {
    named: mergeById(listings.map((listing) => listing.named), byPolicyId),
    specific: mergeById(listings.map((listing) => listing.specific), byPolicyId),
    general: mergeById(listings.map((listing) => listing.general), byPolicyId),
    active: listings.reduce((sum, listing) => sum + listing.active, 0),
    inactive: listings.reduce((sum, listing) => sum + listing.inactive, 0),
  };
}

/** Named by the lead first, then industry-specific, then by id. */
export const relevantPolicies = ({ named, specific, general }: PolicyFindings): Policy[] => [...named, ...specific, ...general];

export function policiesFacts(score: number | null, findings: PolicyFindings, profile: LeadProfile): ReasonFindings<PoliciesReason> {
  const found = relevantPolicies(findings);
  const specific = findings.specific.length;
  const askedKinds = profile.lead.policyInterests.filter((kind) => found.some((policy) => policy.kind === kind));
  const industryWords = specific > 0 ? profile.codes.flatMap((code) => code.matchedTerms) : [];
  const named = findings.named.map((policy) => [...profile.instruments.byPolicy(policy)]);
  return {
    matchedTerms: score === null || found.length === 0 ? [] : uniqueTerms([...named.flat(), ...askedKinds, ...industryWords]),
    active: findings.active,
    inactive: findings.inactive,
    named,
    specific,
  };
}
