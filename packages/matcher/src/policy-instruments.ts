import type { Policy } from '@leadmatch/domain';

/**
 * Policy instruments a lead names in its own words (创新券, a talent plan, IP pledge financing, a
 * loan product …), so that the policies of that instrument count for it whatever kinds it ticked.
 */
interface Instrument {
  /** Lower-case, Simplified: how leads write it. */
  words: readonly string[];
  covers: (policy: Policy) => boolean;
}

const named = (pattern: RegExp) => (policy: Policy) => pattern.test(policy.name);

const INSTRUMENTS: readonly Instrument[] = [
  { words: ['创新券', '科技券', '科技创新券', 'innovation voucher'], covers: named(/创新券|科技券/) },
  {
    words: ['人才计划', '人才工程', '人才政策', '人才项目', '领军人才', '人才补贴', 'talent plan', 'talent programme', 'talent program'],
    covers: (policy) => policy.kind === 'talent',
  },
  {
    words: ['知识产权质押', '专利质押', '知识产权融资', 'ip pledge', 'patent pledge'],
    covers: named(/知识产权质押|专利质押/),
  },
  { words: ['管线质押', 'pipeline pledge'], covers: named(/管线质押/) },
  { words: ['知识产权保险', '专利保险', 'ip insurance'], covers: named(/知识产权.*保险|专利.*保险/) },
  { words: ['知识产权证券化', 'ip securitisation', 'ip securitization'], covers: named(/证券化/) },
  { words: ['上市辅导', '上市培育', '上市苗圃', '挂牌', 'ipo'], covers: (policy) => policy.kind === 'listing' },
  { words: ['场景开放', '应用场景', '机会清单', 'application scenario'], covers: (policy) => policy.kind === 'scenario' },
  { words: ['专项授信', '科技贷', '科技信贷', 'tech loan'], covers: named(/授信|贷/) },
  { words: ['成果转化', '技术许可', '成果许可', '职务成果', '赋权'], covers: named(/许可|赋权|成果转化/) },
];

const productNamesOf = new WeakMap<Policy, readonly { name: string; lower: string }[]>();

/** A product's own short name, and lower-case: 苗圃贷, 苏研保, or the quoted part of “高新贷”产品3.0版. Worked out once per policy. */
function productNames(policy: Policy): readonly { name: string; lower: string }[] {
  let names = productNamesOf.get(policy);
  if (!names) {
    const quoted = [...policy.name.matchAll(/[“"]([^”"]{2,8})[”"]/g)].map((m) => m[1]!);
    const short = /^[\p{Script=Han}]{2,4}$/u.test(policy.name) ? [policy.name] : [];
    names = [...quoted, ...short].map((name) => ({ name, lower: name.toLowerCase() }));
    productNamesOf.set(policy, names);
  }
  return names;
}

/** The words of the lead that name an instrument, and the policies they cover. */
export interface NamedInstruments {
  /** Policy id → the lead's words that named it. */
  byPolicy: (policy: Policy) => readonly string[];
  /** Every instrument word found in the lead's text. */
  words: string[];
}

const NONE: readonly string[] = [];

export const NOTHING_NAMED: NamedInstruments = { byPolicy: () => NONE, words: [] };

/** Finds the instruments `text` (Simplified, any case) names; a named product matches by its own name. */
export function namedInstruments(text: string): NamedInstruments {
  const lower = text.toLowerCase();
  if (lower.trim() === '') return NOTHING_NAMED;
  const found = INSTRUMENTS.map((instrument) => ({ instrument, words: instrument.words.filter((word) => lower.includes(word)) })).filter(
    (hit) => hit.words.length > 0,
  );
  const cache = new Map<string, string[]>();
  const byPolicy = (policy: Policy) => {
    if (found.length === 0 && productNames(policy).length === 0) return NONE;
    let words = cache.get(policy.id);
    if (!words) {
      const instrumentWords = found.filter((hit) => hit.instrument.covers(policy)).flatMap((hit) => hit.words);
      const products = productNames(policy).flatMap(({ name, lower: own }) => (lower.includes(own) ? [name] : []));
      words = [...new Set([...instrumentWords, ...products])];
      cache.set(policy.id, words);
    }
    return words;
  };
  return { byPolicy, words: found.flatMap((hit) => hit.words) };
}
