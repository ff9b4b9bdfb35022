import type { Taxonomy } from '@leadmatch/catalog-core';
import type { Park } from '@leadmatch/domain';
import type { IndustryReason } from '../facts.ts';
import { FOCUS_LABELS } from '../labels.ts';
import { counted, listEnOf, listZhOf, quoteEn, quoteZh, uniqueEvidence, uniqueTerms } from '../text.ts';
import { clusterFactOf, type RenderContext, type Words } from './context.ts';

type Focus = Park['industries'][number];
type Relation = IndustryReason['focus'][number]['relation'];

interface FocusMatch {
  focus: Focus;
  relation: Relation;
  leadCode: { code: string; matchedTerms: string[] };
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function nameOf(taxonomy: Taxonomy, code: string): { zhHans: string; en: string } {
  return taxonomy.has(code) ? taxonomy.displayName(code) : { zhHans: code, en: code };
}

const RELATION_PHRASES = {
  exact: { zh: '即为', en: 'is exactly' },
  parent: { zh: '属于', en: 'falls within' },
  child: { zh: '涵盖', en: 'covers the narrower' },
  related: { zh: '关联', en: 'is related to' },
} as const;

function relationZh({ focus, relation }: FocusMatch, taxonomy: Taxonomy): string {
  return `${RELATION_PHRASES[relation].zh}园区${FOCUS_LABELS[focus.focus].zh}${quoteZh(nameOf(taxonomy, focus.code).zhHans)}`;
}

function relationEn({ focus, relation }: FocusMatch, taxonomy: Taxonomy): string {
  return `${RELATION_PHRASES[relation].en} the park's ${FOCUS_LABELS[focus.focus].en} ${quoteEn(nameOf(taxonomy, focus.code).en)}`;
}

/** Each lead code that relates to some focus, with the focus entries it relates to. */
function focusPhrases(matches: readonly FocusMatch[], taxonomy: Taxonomy): { zh: string; en: string }[] {
  return uniqueTerms(matches.map((match) => match.leadCode.code)).map((leadCode) => {
    const own = matches.filter((match) => match.leadCode.code === leadCode);
    const terms = own[0]!.leadCode.matchedTerms;
    const name = nameOf(taxonomy, leadCode);
    return {
      zh: `${name.zhHans}（依据${terms.map(quoteZh).join('、')}）${listZhOf(own, (match) => relationZh(match, taxonomy))}`,
      en: `${name.en} (from ${terms.map(quoteEn).join(', ')}) ${listEnOf(own, (match) => relationEn(match, taxonomy))}`,
    };
  });
}

export function industryWords(reason: IndustryReason, park: Park, { facts, lookup }: RenderContext): Words {
  const { taxonomy } = lookup;
  const codes = facts.industryCodes;
  if (codes.length === 0) {
    const industry = facts.lead.unrecognisedIndustry ?? '';
    return {
      zh: `未能识别企业的行业（${quoteZh(industry)}），无法判断产业契合。`,
      en: `The lead's industry (${quoteEn(industry)}) was not recognised, so industry fit cannot be judged.`,
      evidence: [],
    };
  }
  if (reason.score === null) {
    return {
      zh: `目录未列出该园区的产业方向，企业行业（${listZhOf(codes, (code) => nameOf(taxonomy, code.code).zhHans)}）与其契合程度未知，此项不计分。`,
      en: `The catalog lists no industry focus for this park, so fit with the lead's industry (${listEnOf(codes, (code) => nameOf(taxonomy, code.code).en)}) is unknown and left out.`,
      evidence: [],
    };
  }
  if (reason.focus.length === 0 && reason.clusterFacts.length === 0) {
    const leadWords = codes.flatMap((code) => code.matchedTerms);
    const focus = [...park.industries].sort(byCode);
    return {
      zh: `企业行业（${listZhOf(codes, (code) => nameOf(taxonomy, code.code).zhHans)}，依据${listZhOf(leadWords, quoteZh)}）与园区的产业方向（${listZhOf(focus, (f) => nameOf(taxonomy, f.code).zhHans)}）无关。`,
      en: `The lead's industry (${listEnOf(codes, (code) => nameOf(taxonomy, code.code).en)}, from ${listEnOf(leadWords, quoteEn)}) is unrelated to the park's focus (${listEnOf(focus, (f) => nameOf(taxonomy, f.code).en)}).`,
      evidence: uniqueEvidence(park.industries.map((focus) => focus.evidence)),
    };
  }
  const matches = reason.focus.map(({ at, code, relation }) => ({ focus: park.industries[at]!, relation, leadCode: codes[code]! }));
  const phrases = focusPhrases(matches, taxonomy);
  const cluster = reason.clusterFacts.map((id) => clusterFactOf(lookup, id));
  const clusterZh = cluster.length > 0 ? `；集群实力：${cluster.length} 项相关事实，如${quoteZh(cluster[0]!.label)}` : '；目录中没有该产业的集群事实';
  const clusterEn =
    cluster.length > 0 ? `; cluster strength: ${counted(cluster.length, 'related fact')}, e.g. ${quoteEn(cluster[0]!.label)}` : '; the catalog has no cluster facts for this industry here';
  const focusZh = phrases.length > 0 ? `企业行业${phrases.map((p) => p.zh).join('；')}` : '园区产业方向与企业行业无直接对应';
  const focusEn = phrases.length > 0 ? `The lead's industry ${phrases.map((p) => p.en).join('; ')}` : "No park focus corresponds to the lead's industry";
  return {
    zh: `${focusZh}${clusterZh}。`,
    en: `${focusEn}${clusterEn}.`,
    evidence: uniqueEvidence([...matches.map((match) => match.focus.evidence), ...cluster.map((fact) => fact.evidence)]),
  };
}
