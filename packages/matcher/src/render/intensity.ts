import type { Park } from '@leadmatch/domain';
import type { IntensityReason, LeadFacts } from '../facts.ts';
import { intensityChecks, type IntensityCheck } from '../factors/intensity.ts';
import { perMuWan } from '../lead-profile.ts';
import { formatNumber } from '../text.ts';
import type { RenderContext, Words } from './context.ts';

const MEASURES: Readonly<Record<IntensityCheck['measure'], { zh: string; en: string }>> = {
  tax: { zh: '亩均税收', en: 'tax per mu' },
  investment: { zh: '亩均投资', en: 'investment per mu' },
};

function leadFigures({ landM2, annualTaxWan, investmentWan }: LeadFacts): { zh: string; en: string } {
  if (landM2 === null) return { zh: '企业未提供用地面积，无法计算其亩均指标', en: 'the lead gives no land area, so its per-mu figures cannot be worked out' };
  if (annualTaxWan === null && investmentWan === null) return { zh: '企业未提供税收和投资额', en: 'the lead gives neither tax nor investment' };
  const figures = (['tax', 'investment'] as const).flatMap((measure) => {
    const value = perMuWan(landM2, measure === 'tax' ? annualTaxWan : investmentWan);
    return value === null ? [] : [{ zh: `${MEASURES[measure].zh} ${formatNumber(value)} 万元/亩`, en: `${MEASURES[measure].en} ${formatNumber(value)} 万元/亩` }];
  });
  return { zh: `企业自报${figures.map((f) => f.zh).join('、')}`, en: `the lead's own figures: ${figures.map((f) => f.en).join(', ')}` };
}

function describeCheck({ measure, floor, lead }: IntensityCheck): { zh: string; en: string } {
  const need = { zh: `${MEASURES[measure].zh}需 ≥ ${formatNumber(floor)} 万元/亩`, en: `${MEASURES[measure].en} needs ≥ ${formatNumber(floor)} 万元/亩` };
  if (lead === null) return { zh: `${need.zh}，企业未提供可比数据`, en: `${need.en}; the lead gives no comparable figure` };
  const verdict =
    lead >= floor
      ? { zh: '达标', en: 'meets it' }
      : { zh: `差 ${formatNumber(floor - lead)} 万元/亩`, en: `short by ${formatNumber(floor - lead)} 万元/亩` };
  return {
    zh: `${need.zh}，企业为 ${formatNumber(lead)} 万元/亩（${verdict.zh}）`,
    en: `${need.en}; lead gives ${formatNumber(lead)} 万元/亩 (${verdict.en})`,
  };
}

export function intensityWords(reason: IntensityReason, park: Park, { facts }: RenderContext): Words {
  const { lead } = facts;
  const figures = leadFigures(lead);
  const evidence = park.thresholds.evidence ? [park.thresholds.evidence] : [];
  const checks = intensityChecks(park, perMuWan(lead.landM2, lead.annualTaxWan), perMuWan(lead.landM2, lead.investmentWan));
  if (checks.length === 0) {
    return {
      zh: `目录未记载该园区的亩均税收和亩均投资门槛，此项按中性处理（不计分）；${figures.zh}。`,
      en: `The catalog records no tax-per-mu or investment-per-mu floor for this park, so this factor is neutral (left out); ${figures.en}.`,
      evidence,
    };
  }
  const described = checks.map(describeCheck);
  const neutral = reason.score === null ? { zh: '；无法比较，此项不计分', en: '; nothing to compare, so this factor is left out' } : { zh: '', en: '' };
  return {
    zh: `${described.map((c) => c.zh).join('；')}${neutral.zh}。`,
    en: `${described.map((c) => c.en).join('; ')}${neutral.en}.`,
    evidence,
  };
}
