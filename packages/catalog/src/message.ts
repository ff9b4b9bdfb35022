import type { IndustryMatch } from './scoring.ts';
import type { Taxonomy } from './taxonomy.ts';

/** Says in Chinese and in English what was recognised and from which words, or that nothing was. */
export function describe(normalized: string, matches: readonly IndustryMatch[], taxonomy: Taxonomy): string {
  if (normalized === '') return '未识别出任何行业：输入为空。No industry was recognised: the input is empty.';
  if (matches.length === 0) {
    return '未识别出任何行业：输入中没有与行业分类相符的词语。No industry was recognised: no word in the input matches the industry taxonomy.';
  }
  const zh = matches.map(({ code, matchedTerms }) => {
    const terms = matchedTerms.map((term) => `“${term}”`).join('、');
    return `${taxonomy.get(code)!.name.zhHans}（${code}，依据${terms}）`;
  });
  const en = matches.map(({ code, matchedTerms }) => {
    const terms = matchedTerms.map((term) => `"${term}"`).join(', ');
    return `${taxonomy.get(code)!.name.en} (${code}, from ${terms})`;
  });
  return `识别出的行业：${zh.join('；')}。Recognised industries: ${en.join('; ')}.`;
}
