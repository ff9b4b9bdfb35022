import type { ClusterFact } from '@leadmatch/domain';
import type { ParkEntry } from '../catalog-tables.ts';
import type { Kinships, LeadKinship } from '../industry-kinship.ts';
import type { IndustryReason, ReasonFindings } from '../facts.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { uniqueTerms } from '../text.ts';
import { CLUSTER_FACTS_FOR_FULL_STRENGTH, CLUSTER_SHARE, FOCUS_SHARE, FOCUS_VALUES } from '../weights.ts';

type Focus = ParkEntry['park']['industries'][number];
type FactMetric = ClusterFact['metric'];

/** Facts that show a cluster's size or standing; targets, talent counts and the like do not. */
const CLUSTER_METRICS: ReadonlySet<FactMetric> = new Set<FactMetric>([
  'enterprises',
  'output',
  'ranking',
  'national-platform',
  'designation',
  'listed-companies',
  'registrations',
]);

export interface IndustryAssessment {
  /** Null when the lead's industry was not recognised, or the catalog lists no focus and no cluster facts. */
  score: number | null;
  /** Any relation at all: a focus related in any way, or a cluster fact in the lead's industry line. */
  related: boolean;
  /** Exact on any focus, or a direct parent or child of a lead focus, from a main code of the lead. */
  strongMatch: boolean;
}

const UNRECOGNISED: IndustryAssessment = { score: null, related: false, strongMatch: false };

/** A fact of a metric that shows a cluster's size or standing. */
export function countsForCluster(fact: ClusterFact): boolean {
  return CLUSTER_METRICS.has(fact.metric);
}

/** The park's cluster facts in the lead's industry line (the code, its ancestors or descendants), by id. */
function clusterFactsInLine({ clusterFacts }: ParkEntry, kinships: Kinships): ClusterFact[] {
  return clusterFacts.filter(({ code }) => kinships[code]!.lineage).map(({ fact }) => fact);
}

export function assessIndustry(entry: ParkEntry, profile: LeadProfile, kinships: Kinships): IndustryAssessment {
  if (profile.codes.length === 0) return UNRECOGNISED;
  const { park, focusCodes } = entry;
  let bestFocus = 0;
  let focusRelated = false;
  let strongMatch = false;
  for (let i = 0; i < focusCodes.length; i++) {
    const kinship = kinships[focusCodes[i]!]!;
    if (!kinship.best) continue;
    const { focus } = park.industries[i]!;
    focusRelated = true;
    bestFocus = Math.max(bestFocus, kinship.best.value * FOCUS_VALUES[focus]);
    strongMatch ||= kinship.exact || (focus === 'lead' && kinship.direct);
  }
  let clusterFacts = 0;
  for (const { code } of entry.clusterFacts) if (kinships[code]!.lineage) clusterFacts++;
  const related = focusRelated || clusterFacts > 0;
  if (focusCodes.length === 0 && clusterFacts === 0) return { score: null, related, strongMatch };
  const clusterStrength = Math.min(1, clusterFacts / CLUSTER_FACTS_FOR_FULL_STRENGTH);
  return { score: FOCUS_SHARE * bestFocus + CLUSTER_SHARE * clusterStrength, related, strongMatch };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

interface FocusMatch {
  /** Position in the park's industries. */
  at: number;
  focus: Focus;
  best: NonNullable<LeadKinship['best']>;
  value: number;
}

/** Best first, then by code. */
function focusMatches({ park, focusCodes }: ParkEntry, kinships: Kinships): FocusMatch[] {
  return park.industries
    .flatMap((focus, at) => {
      const { best } = kinships[focusCodes[at]!]!;
      return best ? [{ at, focus, best, value: best.value * FOCUS_VALUES[focus.focus] }] : [];
    })
    .sort((a, b) => b.value - a.value || byCode(a.focus, b.focus));
}

/** The focus entries and cluster facts relating the park to the lead's industry, and the lead's words they rest on. */
export function industryFacts(assessment: IndustryAssessment, entry: ParkEntry, profile: LeadProfile, kinships: Kinships): ReasonFindings<IndustryReason> {
  if (!assessment.related) return { matchedTerms: [], focus: [], clusterFacts: [] };
  const matches = focusMatches(entry, kinships);
  const leadWords = profile.codes.flatMap((code) => code.matchedTerms);
  return {
    matchedTerms: uniqueTerms(matches.length > 0 ? matches.flatMap((match) => match.best.code.matchedTerms) : leadWords),
    focus: matches.map(({ at, best }) => ({ at, code: profile.codes.indexOf(best.code), relation: best.relation })),
    clusterFacts: clusterFactsInLine(entry, kinships).map((fact) => fact.id),
  };
}
