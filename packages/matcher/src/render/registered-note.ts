import type { Taxonomy } from '@leadmatch/catalog-core';
import type { RegisteredFacts } from '../facts.ts';

function label(taxonomy: Taxonomy, code: string): { zh: string; en: string } {
  const industry = taxonomy.get(code)!;
  return { zh: `${code} ${industry.name.zhHans}`, en: `${code} ${industry.name.en}` };
}

/**
 * The classifier's note on the registered class (`RegisteredUse` in @leadmatch/catalog-core), worded
 * again from its facts: catalog-core exports the note only as part of a classification.
 * test/registered-note.test.ts holds the two to the same words.
 */
export function registeredNote({ code, agreement, used, described }: RegisteredFacts, taxonomy: Taxonomy): { zh: string; en: string } {
  const reg = label(taxonomy, code);
  if (!described) {
    return {
      zh: `行业描述未能识别，按登记的行业代码${reg.zh}匹配。`,
      en: `The description was not recognised, so the lead is matched on its registered class ${reg.en}.`,
    };
  }
  const text = label(taxonomy, described.code);
  if (agreement === 'refines') {
    return {
      zh: `行业描述只能确定到${text.zh}，登记的行业代码${reg.zh}在其之内，按登记代码匹配。`,
      en: `The description is clear only as far as ${text.en}; the registered class ${reg.en} lies within it and is used.`,
    };
  }
  if (agreement === 'same-division') {
    return {
      zh: `行业描述指向${text.zh}，登记的行业代码为同一大类的${reg.zh}，两者都用于匹配。`,
      en: `The description points to ${text.en}, the registered class is ${reg.en} in the same division; both are used.`,
    };
  }
  if (used === 'text') {
    return {
      zh: `行业描述指向${text.zh}，与登记的行业代码${reg.zh}不属同一大类；按描述匹配，因为描述说明的是本次项目，登记代码仅作参考。`,
      en: `The description points to ${text.en}, another division than the registered class ${reg.en}; the lead is matched on the description, which states this project, with the registered class as a secondary code.`,
    };
  }
  return {
    zh: `行业描述把握不足（置信度 ${described.confidence}），指向${text.zh}，与登记的行业代码${reg.zh}不属同一大类；按登记代码匹配。`,
    en: `The description is unsure (confidence ${described.confidence}) and points to ${text.en}, another division than the registered class ${reg.en}; the lead is matched on the registered class.`,
  };
}
