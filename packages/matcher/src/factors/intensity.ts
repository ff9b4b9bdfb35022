import type { Park } from '@leadmatch/domain';
import type { LeadProfile } from '../lead-profile.ts';
import { formatNumber, type Explanation } from '../text.ts';

type Measure = 'tax' | 'investment';

interface IntensityCheck {
  measure: Measure;
  /** The park's floor, 万元/亩. */
  floor: number;
  /** The lead's own figure, 万元/亩; null when it gave no land area or no amount. */
  lead: number | null;
}

export interface IntensityAssessment {
  /** Null when the park has no known floor or the lead gives no figure to compare with one. */
  score: number | null;
  checks: IntensityCheck[];
  /** The lead falls short of a known floor. */
  belowFloor: boolean;
}

const NO_FLOOR: IntensityAssessment = { score: null, checks: [], belowFloor: false };

/** Each comparable check scores lead / floor, at most 1; the factor is their mean. */
export function assessIntensity(park: Park, profile: LeadProfile): IntensityAssessment {
  const { minTaxPerMuWan, minInvestmentPerMuWan } = park.thresholds;
  if (minTaxPerMuWan === null && minInvestmentPerMuWan === null) return NO_FLOOR;
  const checks: IntensityCheck[] = [];
  if (minTaxPerMuWan !== null) checks.push({ measure: 'tax', floor: minTaxPerMuWan, lead: profile.taxPerMuWan });
  if (minInvestmentPerMuWan !== null) checks.push({ measure: 'investment', floor: minInvestmentPerMuWan, lead: profile.investmentPerMuWan });
  const comparable = checks.filter((check): check is IntensityCheck & { lead: number } => check.lead !== null);
  if (comparable.length === 0) return { score: null, checks, belowFloor: false };
  const ratios = comparable.map(({ floor, lead }) => (floor === 0 ? 1 : Math.min(1, lead / floor)));
  return {
    score: ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length,
    checks,
    belowFloor: comparable.some(({ floor, lead }) => lead < floor),
  };
}

const MEASURES: Readonly<Record<Measure, { zh: string; en: string }>> = {
  tax: { zh: '亩均税收', en: 'tax per mu' },
  investment: { zh: '亩均投资', en: 'investment per mu' },
};

function leadFigures(profile: LeadProfile): { zh: string; en: string } {
  const { landM2, annualTaxWan, investmentWan } = profile.lead;
  if (landM2 === null) return { zh: '企业未提供用地面积，无法计算其亩均指标', en: 'the lead gives no land area, so its per-mu figures cannot be worked out' };
  if (annualTaxWan === null && investmentWan === null) return { zh: '企业未提供税收和投资额', en: 'the lead gives neither tax nor investment' };
  const figures = (['tax', 'investment'] as const).flatMap((measure) => {
    const value = measure === 'tax' ? profile.taxPerMuWan : profile.investmentPerMuWan;
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

export function explainIntensity(assessment: IntensityAssessment, park: Park, profile: LeadProfile): Explanation {
  const figures = leadFigures(profile);
  const evidence = park.thresholds.evidence ? [park.thresholds.evidence] : [];
  if (assessment.checks.length === 0) {
    return {
      zh: `目录未记载该园区的亩均税收和亩均投资门槛，此项按中性处理（不计分）；${figures.zh}。`,
      en: `The catalog records no tax-per-mu or investment-per-mu floor for this park, so this factor is neutral (left out); ${figures.en}.`,
      matchedTerms: [],
      evidence,
    };
  }
  const checks = assessment.checks.map(describeCheck);
  const neutral = assessment.score === null ? { zh: '；无法比较，此项不计分', en: '; nothing to compare, so this factor is left out' } : { zh: '', en: '' };
  return {
    zh: `${checks.map((c) => c.zh).join('；')}${neutral.zh}。`,
    en: `${checks.map((c) => c.en).join('; ')}${neutral.en}.`,
    matchedTerms: [],
    evidence,
  };
}
