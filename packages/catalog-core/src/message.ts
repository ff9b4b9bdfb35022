import type { RegisteredUse } from './registered-code.ts';
import type { IndustryMatch } from './scoring.ts';
import type { StandardMatch } from './standard-scoring.ts';
import type { Taxonomy } from './taxonomy.ts';

const LEVEL_WORDS = {
  section: { zh: '门类', en: 'section' },
  division: { zh: '大类', en: 'division' },
  group: { zh: '中类', en: 'group' },
  class: { zh: '小类', en: 'class' },
} as const;

function standardPhrase(match: StandardMatch, taxonomy: Taxonomy): { zh: string; en: string } {
  const { name } = taxonomy.get(match.code)!;
  const level = LEVEL_WORDS[match.level];
  const focus = taxonomy.focusOf(match.code).map((code) => taxonomy.get(code)!.name);
  const focusZh = focus.length > 0 ? `，属于${focus.map((f) => `“${f.zhHans}”`).join('、')}` : '';
  const focusEn = focus.length > 0 ? `, within ${focus.map((f) => `"${f.en}"`).join(', ')}` : '';
  return {
    zh: `${match.code} ${name.zhHans}（${level.zh}，依据${match.matchedTerms.map((term) => `“${term}”`).join('、')}，置信度 ${match.confidence}${focusZh}）`,
    en: `${match.code} ${name.en} (${level.en}, from ${match.matchedTerms.map((term) => `"${term}"`).join(', ')}, confidence ${match.confidence}${focusEn})`,
  };
}

function focusPhrase({ code, matchedTerms }: IndustryMatch, taxonomy: Taxonomy): { zh: string; en: string } {
  const { name } = taxonomy.get(code)!;
  return {
    zh: `${name.zhHans}（${code}，依据${matchedTerms.map((term) => `“${term}”`).join('、')}）`,
    en: `${name.en} (${code}, from ${matchedTerms.map((term) => `"${term}"`).join(', ')})`,
  };
}

/** Says in Chinese and in English what was recognised on GB/T 4754 and among the focus codes, and from which words. */
export function describe(
  normalized: string,
  standard: readonly StandardMatch[],
  focus: readonly IndustryMatch[],
  registered: RegisteredUse | null,
  taxonomy: Taxonomy,
): string {
  const note = registered ? `${registered.zh}${registered.en}` : '';
  if (standard.length === 0 && focus.length === 0) {
    const why =
      normalized === ''
        ? '未识别出任何行业：输入为空。No industry was recognised: the input is empty.'
        : '未识别出任何行业：输入中没有与行业分类相符的词语。No industry was recognised: no word in the input matches the industry taxonomy.';
    return `${why}${note}`;
  }
  const answer = standard[0] ? standardPhrase(standard[0], taxonomy) : null;
  const named = focus.map((match) => focusPhrase(match, taxonomy));
  const zh = [
    answer ? `国民经济行业分类：${answer.zh}` : '未能归入国民经济行业分类',
    named.length > 0 ? `产业方向：${named.map((p) => p.zh).join('；')}` : '',
  ].filter(Boolean);
  const en = [
    answer ? `GB/T 4754-2017: ${answer.en}` : 'Not placed on GB/T 4754-2017',
    named.length > 0 ? `focus industries: ${named.map((p) => p.en).join('; ')}` : '',
  ].filter(Boolean);
  return `识别结果——${zh.join('。')}。Recognised — ${en.join('. ')}.${note}`;
}
