import type { Policy } from '@leadmatch/domain';
import type { CatalogTables, Coded, ParkEntry } from '../catalog-tables.ts';
import type { Kinships } from '../industry-kinship.ts';
import { POLICY_KIND_LABELS } from '../labels.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { counted, listEn, listZh, quoteEn, quoteZh, uniqueEvidence, uniqueTerms, type Explanation } from '../text.ts';
import type { SuggestedPolicy } from '../types.ts';
import { POLICY_WEIGHTS } from '../weights.ts';

type Verdict = 'inactive' | 'unrelated' | 'all-industries' | 'industry-specific';

/** The policies reaching one area, counted once per lead. */
interface Tally {
  weight: number;
  /** In force, relevant or not. */
  active: number;
}

/**
 * In force at `today` (validFrom/validTo inclusive, null = open); of a kind the lead asked about
 * (any kind when it named none; land and tax policies also serve a lead that needs land); for every
 * industry, or for one in the lead's industry line (exact, parent or child).
 */
function judge({ item: policy, codes }: Coded<Policy>, profile: LeadProfile, kinships: Kinships): Verdict {
  const { today, lead } = profile;
  if ((policy.validFrom !== null && policy.validFrom > today) || (policy.validTo !== null && policy.validTo < today)) return 'inactive';
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
};

/** Null when no policy in force reaches the park. */
export type PolicyAssessor = (entry: ParkEntry) => number | null;

function tally(policies: readonly Coded<Policy>[], profile: LeadProfile, kinships: Kinships): Tally {
  const area: Tally = { weight: 0, active: 0 };
  for (const policy of policies) {
    const verdict = judge(policy, profile, kinships);
    if (verdict !== 'inactive') area.active++;
    area.weight += VERDICT_WEIGHTS[verdict];
  }
  return area;
}

/** Each relevant policy halves the distance to 1. Region-wide policies reach many parks: each area is tallied once per lead. */
export function policyAssessor(tables: CatalogTables, profile: LeadProfile, kinships: Kinships): PolicyAssessor {
  const areaTallies: Tally[] = [];
  return ({ namingPolicies, areas }) => {
    let weight = 0;
    let active = 0;
    for (const policy of namingPolicies) {
      const verdict = judge(policy, profile, kinships);
      if (verdict !== 'inactive') active++;
      weight += VERDICT_WEIGHTS[verdict];
    }
    for (const position of areas) {
      const area = (areaTallies[position] ??= tally(tables.policiesByArea[position]!, profile, kinships));
      weight += area.weight;
      active += area.active;
    }
    return active === 0 ? null : 1 - 0.5 ** weight;
  };
}

interface Judged {
  policy: Policy;
  verdict: Verdict;
}

/** Every policy reaching the park, judged; for explaining. */
function reaching({ namingPolicies, areas }: ParkEntry, tables: CatalogTables, profile: LeadProfile, kinships: Kinships): Judged[] {
  return [...namingPolicies, ...areas.flatMap((position) => tables.policiesByArea[position]!)].map((coded) => ({
    policy: coded.item,
    verdict: judge(coded, profile, kinships),
  }));
}

/** Industry-specific first, then by id. */
function relevant(judged: readonly Judged[]): Judged[] {
  return judged
    .filter(({ verdict }) => VERDICT_WEIGHTS[verdict] > 0)
    .sort((a, b) => VERDICT_WEIGHTS[b.verdict] - VERDICT_WEIGHTS[a.verdict] || (a.policy.id < b.policy.id ? -1 : 1));
}

export function suggestedPolicies(entry: ParkEntry, tables: CatalogTables, profile: LeadProfile, kinships: Kinships): SuggestedPolicy[] {
  return relevant(reaching(entry, tables, profile, kinships)).map(({ policy }) => ({ id: policy.id, name: policy.name, kind: policy.kind }));
}

export function explainPolicies(score: number | null, entry: ParkEntry, tables: CatalogTables, profile: LeadProfile, kinships: Kinships): Explanation {
  const judged = reaching(entry, tables, profile, kinships);
  const inactive = judged.filter(({ verdict }) => verdict === 'inactive').length;
  const active = judged.length - inactive;
  const inactiveZh = inactive > 0 ? `（另有 ${inactive} 项已失效或尚未生效，未计入）` : '';
  const inactiveEn = inactive > 0 ? ` (${inactive} more expired or not yet in force, ignored)` : '';
  const interests = profile.lead.policyInterests.map((kind) => POLICY_KIND_LABELS[kind]);
  if (score === null) {
    return {
      zh: `目录中没有覆盖该园区的现行政策${inactiveZh}，此项不计分。`,
      en: `The catalog has no policy in force that reaches this park${inactiveEn}; this factor is left out.`,
      matchedTerms: [],
      evidence: [],
    };
  }
  const found = relevant(judged);
  if (found.length === 0) {
    const askedZh = interests.length > 0 ? `或企业关注的政策类型（${interests.map((l) => l.zh).join('、')}）` : '';
    const askedEn = interests.length > 0 ? ` or the kinds of policy it asked about (${interests.map((l) => l.en).join(', ')})` : '';
    return {
      zh: `有 ${active} 项现行政策覆盖该园区${inactiveZh}，但没有一项面向企业的行业${askedZh}。`,
      en: `${counted(active, 'policy', 'policies')} in force ${active === 1 ? 'reaches' : 'reach'} this park${inactiveEn}, but none serves the lead's industry${askedEn}.`,
      matchedTerms: [],
      evidence: [],
    };
  }
  const specific = found.filter((f) => f.verdict === 'industry-specific').length;
  const names = found.map(({ policy }) => ({
    zh: `${quoteZh(policy.name)}（${POLICY_KIND_LABELS[policy.kind].zh}）`,
    en: `${quoteEn(policy.name)} (${POLICY_KIND_LABELS[policy.kind].en})`,
  }));
  const askedKinds = profile.lead.policyInterests.filter((kind) => found.some(({ policy }) => policy.kind === kind));
  const industryWords = specific > 0 ? profile.codes.flatMap((code) => code.matchedTerms) : [];
  return {
    zh: `${found.length} 项现行政策适用${inactiveZh}${specific > 0 ? `，其中 ${specific} 项专门面向企业所在产业` : ''}：${listZh(names.map((n) => n.zh))}。`,
    en: `${counted(found.length, 'policy', 'policies')} in force ${found.length === 1 ? 'applies' : 'apply'}${inactiveEn}${specific > 0 ? `, ${specific} aimed at the lead's industry` : ''}: ${listEn(names.map((n) => n.en))}.`,
    matchedTerms: uniqueTerms([...askedKinds, ...industryWords]),
    evidence: uniqueEvidence(found.map(({ policy }) => policy.evidence)),
  };
}
