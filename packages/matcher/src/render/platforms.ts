import type { Platform } from '@leadmatch/domain';
import type { PlatformsReason } from '../facts.ts';
import { PLATFORM_TYPE_LABELS } from '../labels.ts';
import { counted, uniqueEvidence } from '../text.ts';
import type { SuggestedPlatform } from '../types.ts';
import { itemsEn, itemsZh, type RenderContext, type Words } from './context.ts';

export const suggestedPlatform = (platform: Platform, inPark: boolean): SuggestedPlatform => ({
  id: platform.id,
  name: platform.name,
  type: platform.type,
  inPark,
});

const nameZh = (platform: Platform) => `${platform.name}（${PLATFORM_TYPE_LABELS[platform.type].zh}）`;
const nameEn = (platform: Platform) => `${platform.name} (${PLATFORM_TYPE_LABELS[platform.type].en})`;

export function platformsWords(reason: PlatformsReason, inPark: readonly Platform[], nearby: readonly Platform[], context: RenderContext): Words {
  if (reason.score === null) {
    return {
      zh: '目录中没有该园区及其所在城市、省份的服务平台信息，此项不计分。',
      en: 'The catalog knows no service platform in this park, its city or its province, so this factor is left out.',
      evidence: [],
    };
  }
  if (inPark.length === 0 && nearby.length === 0) {
    return {
      zh: '园区及所在地区的服务平台都不面向企业所在的产业。',
      en: "None of the service platforms in the park or its area serves the lead's industry.",
      evidence: [],
    };
  }
  const zh = [
    inPark.length > 0 ? `园区内有 ${inPark.length} 个可用的服务平台${itemsZh(context, inPark, nameZh)}` : '园区内没有面向该产业的服务平台',
    nearby.length > 0 ? `所在城市或省份${inPark.length > 0 ? '另' : ''}有 ${nearby.length} 个${itemsZh(context, nearby, nameZh)}` : '',
  ];
  const en = [
    inPark.length > 0
      ? `${counted(inPark.length, 'service platform')} in the park ${inPark.length === 1 ? 'serves' : 'serve'} the lead${itemsEn(context, inPark, nameEn)}`
      : "No platform in the park serves the lead's industry",
    nearby.length > 0 ? `${nearby.length} ${inPark.length > 0 ? 'more ' : ''}in its city or province${itemsEn(context, nearby, nameEn)}` : '',
  ];
  return {
    zh: `${zh.filter(Boolean).join('；')}。`,
    en: `${en.filter(Boolean).join('; ')}.`,
    evidence: uniqueEvidence([...inPark, ...nearby].map((platform) => platform.evidence)),
  };
}
