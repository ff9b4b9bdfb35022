import type { Taxonomy } from '@leadmatch/catalog-core';
import type { ClusterFact } from '@leadmatch/domain';
import type { ParkEntry } from '../catalog-tables.ts';
import type { Kinships, LeadKinship } from '../industry-kinship.ts';
import { FOCUS_LABELS } from '../labels.ts';
import type { LeadProfile } from '../lead-profile.ts';
import { counted, listEnOf, listZhOf, quoteEn, quoteZh, uniqueEvidence, uniqueTerms, type Explanation } from '../text.ts';
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
  focus: Focus;
  best: NonNullable<LeadKinship['best']>;
  value: number;
}

/** Best first, then by code. */
function focusMatches({ park, focusCodes }: ParkEntry, kinships: Kinships): FocusMatch[] {
  return park.industries
    .flatMap((focus, i) => {
      const { best } = kinships[focusCodes[i]!]!;
      return best ? [{ focus, best, value: best.value * FOCUS_VALUES[focus.focus] }] : [];
    })
    .sort((a, b) => b.value - a.value || byCode(a.focus, b.focus));
}

function nameOf(taxonomy: Taxonomy, code: string): { zhHans: string; en: string } {
  return taxonomy.has(code) ? taxonomy.displayName(code) : { zhHans: code, en: code };
}

const RELATION_PHRASES = {
  exact: { zh: '即为', en: 'is exactly' },
  parent: { zh: '属于', en: 'falls within' },
  child: { zh: '涵盖', en: 'covers the narrower' },
  related: { zh: '关联', en: 'is related to' },
} as const;

function relationZh({ focus, best }: FocusMatch, taxonomy: Taxonomy): string {
  return `${RELATION_PHRASES[best.relation].zh}园区${FOCUS_LABELS[focus.focus].zh}${quoteZh(nameOf(taxonomy, focus.code).zhHans)}`;
}

function relationEn({ focus, best }: FocusMatch, taxonomy: Taxonomy): string {
  return `${RELATION_PHRASES[best.relation].en} the park's ${FOCUS_LABELS[focus.focus].en} ${quoteEn(nameOf(taxonomy, focus.code).en)}`;
}

export function explainIndustry(
  assessment: IndustryAssessment,
  entry: ParkEntry,
  profile: LeadProfile,
  kinships: Kinships,
  taxonomy: Taxonomy,
): Explanation {
  const { park } = entry;
  const { codes } = profile;
  if (codes.length === 0) {
    return {
      zh: `未能识别企业的行业（${quoteZh(profile.lead.industry)}），无法判断产业契合。`,
      en: `The lead's industry (${quoteEn(profile.lead.industry)}) was not recognised, so industry fit cannot be judged.`,
      matchedTerms: [],
      evidence: [],
    };
  }
  if (assessment.score === null) {
    return {
      zh: `目录未列出该园区的产业方向，企业行业（${listZhOf(codes, (code) => nameOf(taxonomy, code.code).zhHans)}）与其契合程度未知，此项不计分。`,
      en: `The catalog lists no industry focus for this park, so fit with the lead's industry (${listEnOf(codes, (code) => nameOf(taxonomy, code.code).en)}) is unknown and left out.`,
      matchedTerms: [],
      evidence: [],
    };
  }
  const leadWords = codes.flatMap((code) => code.matchedTerms);
  if (!assessment.related) {
    const focus = [...park.industries].sort(byCode);
    return {
      zh: `企业行业（${listZhOf(codes, (code) => nameOf(taxonomy, code.code).zhHans)}，依据${listZhOf(leadWords, quoteZh)}）与园区的产业方向（${listZhOf(focus, (f) => nameOf(taxonomy, f.code).zhHans)}）无关。`,
      en: `The lead's industry (${listEnOf(codes, (code) => nameOf(taxonomy, code.code).en)}, from ${listEnOf(leadWords, quoteEn)}) is unrelated to the park's focus (${listEnOf(focus, (f) => nameOf(taxonomy, f.code).en)}).`,
      matchedTerms: [],
      evidence: uniqueEvidence(park.industries.map((focus) => focus.evidence)),
    };
  }
  const matches = focusMatches(entry, kinships);
  const leadCodes = uniqueTerms(matches.map((match) => match.best.code.code));
  const focusPhrases = leadCodes.map((leadCode) => {
    const own = matches.filter((match) => match.best.code.code === leadCode);
    const terms = own[0]!.best.code.matchedTerms;
    const name = nameOf(taxonomy, leadCode);
    return {
      zh: `${name.zhHans}（依据${terms.map(quoteZh).join('、')}）${listZhOf(own, (match) => relationZh(match, taxonomy))}`,
      en: `${name.en} (from ${terms.map(quoteEn).join(', ')}) ${listEnOf(own, (match) => relationEn(match, taxonomy))}`,
    };
  });
  const cluster = clusterFactsInLine(entry, kinships);
  const clusterZh = cluster.length > 0 ? `；集群实力：${cluster.length} 项相关事实，如${quoteZh(cluster[0]!.label)}` : '；目录中没有该产业的集群事实';
  const clusterEn =
    cluster.length > 0 ? `; cluster strength: ${counted(cluster.length, 'related fact')}, e.g. ${quoteEn(cluster[0]!.label)}` : '; the catalog has no cluster facts for this industry here';
  const focusZhText = focusPhrases.length > 0 ? `企业行业${focusPhrases.map((p) => p.zh).join('；')}` : '园区产业方向与企业行业无直接对应';
  const focusEnText = focusPhrases.length > 0 ? `The lead's industry ${focusPhrases.map((p) => p.en).join('; ')}` : "No park focus corresponds to the lead's industry";
  return {
    zh: `${focusZhText}${clusterZh}。`,
    en: `${focusEnText}${clusterEn}.`,
    matchedTerms: uniqueTerms(matches.length > 0 ? matches.flatMap((match) => match.best.code.matchedTerms) : leadWords),
    evidence: uniqueEvidence([...matches.map((match) => match.focus.evidence), ...cluster.map((fact) => fact.evidence)]),
  };
}
