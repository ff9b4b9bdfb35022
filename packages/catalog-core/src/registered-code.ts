import type { StandardMatch } from './standard-scoring.ts';
import type { Taxonomy } from './taxonomy.ts';

/** How the text's answer stands to the class the company is registered under. */
export type Agreement = 'same' | 'refines' | 'same-division' | 'differs' | 'text-unrecognised';

/** The registered class, how it stands to the text, which one matching leans on, and why, in words. */
export interface RegisteredUse {
  code: string;
  agreement: Agreement;
  used: 'registered' | 'text' | 'both';
  zh: string;
  en: string;
}

/** Below this the text's own answer is too unsure to overrule a registered class of another division. */
export const TEXT_OVERRULES_AT = 0.6;

const divisionOf = (taxonomy: Taxonomy, code: string) => [code, ...taxonomy.ancestors(code)].find((line) => taxonomy.get(line)?.level === 'division');

function label(taxonomy: Taxonomy, code: string): { zh: string; en: string } {
  const industry = taxonomy.get(code)!;
  return { zh: `${code} ${industry.name.zhHans}`, en: `${code} ${industry.name.en}` };
}

export function judgeRegistered(taxonomy: Taxonomy, registered: string, answer: StandardMatch | undefined): RegisteredUse {
  const reg = label(taxonomy, registered);
  if (!answer) {
    return {
      code: registered,
      agreement: 'text-unrecognised',
      used: 'registered',
      zh: `行业描述未能识别，按登记的行业代码${reg.zh}匹配。`,
      en: `The description was not recognised, so the lead is matched on its registered class ${reg.en}.`,
    };
  }
  const text = label(taxonomy, answer.code);
  if (answer.code === registered) {
    return { code: registered, agreement: 'same', used: 'both', zh: `行业描述与登记的行业代码${reg.zh}一致。`, en: `The description agrees with the registered class ${reg.en}.` };
  }
  if (taxonomy.ancestors(registered).includes(answer.code)) {
    return {
      code: registered,
      agreement: 'refines',
      used: 'registered',
      zh: `行业描述只能确定到${text.zh}，登记的行业代码${reg.zh}在其之内，按登记代码匹配。`,
      en: `The description is clear only as far as ${text.en}; the registered class ${reg.en} lies within it and is used.`,
    };
  }
  if (divisionOf(taxonomy, registered) === divisionOf(taxonomy, answer.code)) {
    return {
      code: registered,
      agreement: 'same-division',
      used: 'both',
      zh: `行业描述指向${text.zh}，登记的行业代码为同一大类的${reg.zh}，两者都用于匹配。`,
      en: `The description points to ${text.en}, the registered class is ${reg.en} in the same division; both are used.`,
    };
  }
  if (answer.confidence >= TEXT_OVERRULES_AT) {
    return {
      code: registered,
      agreement: 'differs',
      used: 'text',
      zh: `行业描述指向${text.zh}，与登记的行业代码${reg.zh}不属同一大类；按描述匹配，因为描述说明的是本次项目，登记代码仅作参考。`,
      en: `The description points to ${text.en}, another division than the registered class ${reg.en}; the lead is matched on the description, which states this project, with the registered class as a secondary code.`,
    };
  }
  return {
    code: registered,
    agreement: 'differs',
    used: 'registered',
    zh: `行业描述把握不足（置信度 ${answer.confidence}），指向${text.zh}，与登记的行业代码${reg.zh}不属同一大类；按登记代码匹配。`,
    en: `The description is unsure (confidence ${answer.confidence}) and points to ${text.en}, another division than the registered class ${reg.en}; the lead is matched on the registered class.`,
  };
}
