import type { Taxonomy } from '@leadmatch/catalog-core';
import type { MatchFacts } from '../facts.ts';
import type { Blocker } from '../fit.ts';
import { counted, listEn, listZh, quoteEn, quoteZh } from '../text.ts';
import type { MatchResult, Suggestion } from '../types.ts';
import type { RenderContext } from './context.ts';
import { registeredNote } from './registered-note.ts';

type Sentence = MatchResult['summary'];

const FIT_WORDS = { strong: { zh: '强匹配', en: 'strong' }, partial: { zh: '部分匹配', en: 'partial' }, weak: { zh: '弱匹配', en: 'weak' } } as const;

const industryNames = ({ industryCodes }: MatchFacts, taxonomy: Taxonomy) => industryCodes.map((code) => taxonomy.displayName(code.code));

function blockerText(blocker: Blocker, { facts, lookup }: RenderContext): Sentence {
  switch (blocker) {
    case 'industry': {
      const names = industryNames(facts, lookup.taxonomy);
      return {
        zh: `其产业方向与企业行业（${listZh(names.map((name) => name.zhHans))}）不直接对应`,
        en: `its industry focus does not correspond to the lead's (${listEn(names.map((name) => name.en))})`,
      };
    }
    case 'unknown-focus':
      return { zh: '目录未列出其产业方向', en: 'the catalog lists no industry focus for it' };
    case 'carriers':
      return { zh: '目录所列载体没有一处适合企业的用途', en: "none of its listed carriers suits the lead's uses" };
    case 'intensity':
      return { zh: '企业的亩均指标低于园区门槛', en: "the lead's per-mu figures fall below the park's floor" };
  }
}

function exclusionText({ excluded, lead }: MatchFacts): Sentence {
  const ignoredRegions = lead.regions.ignored;
  const region = excluded.find((e) => e.constraint === 'region')?.parks ?? 0;
  const land = excluded.find((e) => e.constraint === 'land')?.parks ?? 0;
  const zh = [
    region > 0 ? `按地区偏好排除 ${region} 个园区` : '',
    land > 0 ? `因已知土地面积不足排除 ${land} 个` : '',
    ignoredRegions.length > 0 ? `无法识别的地区偏好${listZh(ignoredRegions.map(quoteZh))}未作筛选` : '',
  ].filter(Boolean);
  const en = [
    region > 0 ? `${counted(region, 'park')} excluded by the region preference` : '',
    land > 0 ? `${land} for land known to be too small` : '',
    ignoredRegions.length > 0 ? `the unrecognised region ${listEn(ignoredRegions.map(quoteEn))} not applied` : '',
  ].filter(Boolean);
  return { zh: zh.length > 0 ? `；${zh.join('，')}` : '', en: en.length > 0 ? `; ${en.join(', ')}` : '' };
}

/** The lead's industry in words, when no park of the catalog lists it or anything related as a focus. */
function notAFocusAnywhere(facts: MatchFacts, taxonomy: Taxonomy): Sentence {
  const names = industryNames(facts, taxonomy);
  return {
    zh: `目录中没有园区把企业的行业（${listZh(names.map((name) => name.zhHans))}）或相关行业列为产业方向`,
    en: `no park in the catalog lists the lead's industry (${listEn(names.map((name) => name.en))}) or a related one as a focus`,
  };
}

/** One plain sentence; says outright when no park fits well, and why the closest does not. */
function summarize(suggestions: readonly Suggestion[], context: RenderContext): Sentence {
  const { facts, lookup } = context;
  const { strongParks, focusInCatalog } = facts.summary;
  const exclusions = exclusionText(facts);
  const industry = facts.lead.unrecognisedIndustry ?? '';
  const unrecognised =
    facts.industryCodes.length === 0
      ? { zh: `未识别出企业的行业（${quoteZh(industry)}）`, en: `the lead's industry (${quoteEn(industry)}) was not recognised` }
      : null;
  const unlisted = unrecognised || focusInCatalog ? null : notAFocusAnywhere(facts, lookup.taxonomy);
  const best = suggestions[0];
  if (!best) {
    const why = unrecognised ?? unlisted ?? { zh: '没有园区与企业的行业或其他需求相符', en: "no park relates to the lead's industry or its other needs" };
    return { zh: `没有找到匹配的园区：${why.zh}${exclusions.zh}。`, en: `No park matches: ${why.en}${exclusions.en}.` };
  }
  const bestStrong = suggestions.find((s) => s.fit === 'strong');
  if (bestStrong) {
    return {
      zh: `找到 ${strongParks} 个强匹配的园区，首选${bestStrong.park.name}（得分 ${bestStrong.score}）${exclusions.zh}。`,
      en: `${strongParks} ${strongParks === 1 ? 'park is' : 'parks are'} a strong fit; the best is ${bestStrong.park.nameEn} (score ${bestStrong.score})${exclusions.en}.`,
    };
  }
  const name = { zh: best.park.name, en: best.park.nameEn };
  const blockers = facts.suggestions[0]!.blockers.map((blocker) => blockerText(blocker, context));
  const why = unrecognised ?? unlisted ?? {
    zh: `最接近的${name.zh}也只是${FIT_WORDS[best.fit].zh}，因为${blockers.map((b) => b.zh).join('，且')}`,
    en: `the closest, ${name.en}, is only a ${FIT_WORDS[best.fit].en} fit because ${blockers.map((b) => b.en).join(', and ')}`,
  };
  const closest = unrecognised || unlisted
    ? {
        zh: `；以下 ${suggestions.length} 个园区仅按载体、政策、服务平台和区域等其他条件列出，最接近的是${name.zh}（${FIT_WORDS[best.fit].zh}）`,
        en: `; the ${counted(suggestions.length, 'park')} below ${suggestions.length === 1 ? 'is' : 'are'} listed on other grounds only (carriers, policies, platforms, region), the closest being ${name.en} (${FIT_WORDS[best.fit].en})`,
      }
    : { zh: '', en: '' };
  return {
    zh: `没有找到强匹配的园区：${why.zh}${closest.zh}${exclusions.zh}。`,
    en: `No park is a strong fit: ${why.en}${closest.en}${exclusions.en}.`,
  };
}

/** When the registered class and the description do not simply agree, the summary says which one was used and why. */
export function summary(suggestions: readonly Suggestion[], context: RenderContext): Sentence {
  const sentence = summarize(suggestions, context);
  const { registered } = context.facts.lead;
  if (!registered) return sentence;
  const note = registeredNote(registered, context.lookup.taxonomy);
  return { zh: `${sentence.zh}${note.zh}`, en: `${sentence.en} ${note.en}` };
}
