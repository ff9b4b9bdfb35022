import type { Policy } from '@leadmatch/domain';
import type { PoliciesReason } from '../facts.ts';
import { POLICY_KIND_LABELS } from '../labels.ts';
import { counted, listEn, listZh, quoteEn, quoteZh, uniqueEvidence } from '../text.ts';
import type { SuggestedPolicy } from '../types.ts';
import { itemsEn, itemsZh, type RenderContext, type Words } from './context.ts';

export const suggestedPolicy = (policy: Policy): SuggestedPolicy => ({ id: policy.id, name: policy.name, kind: policy.kind });

const nameZh = (policy: Policy) => `${quoteZh(policy.name)}（${POLICY_KIND_LABELS[policy.kind].zh}）`;
const nameEn = (policy: Policy) => `${quoteEn(policy.name)} (${POLICY_KIND_LABELS[policy.kind].en})`;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Quotes the lead's words and, for each policy they name, the phrase of its source. */
function namedText(named: readonly { policy: Policy; words: readonly string[] }[]): { zh: string; en: string } {
  if (named.length === 0) return { zh: '', en: '' };
  const zh = named.map(({ policy, words }) => `企业提到${words.map(quoteZh).join('、')}，对应${quoteZh(policy.name)}（来源 ${policy.evidence.source}：${quoteZh(policy.evidence.locator)}）`);
  const en = named.map(({ policy, words }) => `the lead's ${words.map(quoteEn).join(', ')} names ${quoteEn(policy.name)} (source ${policy.evidence.source}: ${quoteEn(policy.evidence.locator)})`);
  return { zh: `${listZh(zh)}。`, en: ` ${capitalise(listEn(en))}.` };
}

/** `found`: the suggestion's policies, those the lead named first. */
export function policiesWords(reason: PoliciesReason, found: readonly Policy[], context: RenderContext): Words {
  const { facts } = context;
  const { active, inactive, specific } = reason;
  const inactiveZh = inactive > 0 ? `（另有 ${inactive} 项已失效或尚未生效，未计入）` : '';
  const inactiveEn = inactive > 0 ? ` (${inactive} more expired or not yet in force, ignored)` : '';
  const interests = facts.lead.policyInterests.map((kind) => POLICY_KIND_LABELS[kind]);
  if (reason.score === null) {
    return {
      zh: `目录中没有覆盖该园区的现行政策${inactiveZh}，此项不计分。`,
      en: `The catalog has no policy in force that reaches this park${inactiveEn}; this factor is left out.`,
      evidence: [],
    };
  }
  if (found.length === 0) {
    const askedZh = interests.length > 0 ? `或企业关注的政策类型（${interests.map((l) => l.zh).join('、')}）` : '';
    const askedEn = interests.length > 0 ? ` or the kinds of policy it asked about (${interests.map((l) => l.en).join(', ')})` : '';
    return {
      zh: `有 ${active} 项现行政策覆盖该园区${inactiveZh}，但没有一项面向企业的行业${askedZh}。`,
      en: `${counted(active, 'policy', 'policies')} in force ${active === 1 ? 'reaches' : 'reach'} this park${inactiveEn}, but none serves the lead's industry${askedEn}.`,
      evidence: [],
    };
  }
  const named = namedText(reason.named.map((words, i) => ({ policy: found[i]!, words })));
  return {
    zh: `${found.length} 项现行政策适用${inactiveZh}${specific > 0 ? `，其中 ${specific} 项专门面向企业所在产业` : ''}${itemsZh(context, found, nameZh)}。${named.zh}`,
    en: `${counted(found.length, 'policy', 'policies')} in force ${found.length === 1 ? 'applies' : 'apply'}${inactiveEn}${specific > 0 ? `, ${specific} aimed at the lead's industry` : ''}${itemsEn(context, found, nameEn)}.${named.en}`,
    evidence: uniqueEvidence(found.map((policy) => policy.evidence)),
  };
}
