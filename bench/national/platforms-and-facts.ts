import type { ClusterFact, Park, Platform, PlatformType } from '@leadmatch/domain';
import type { IndustryMix } from './industry-mix.ts';
import { METRIC_LABELS, PLATFORM_TYPE_LABELS } from './labels.ts';
import type { GeneratedParks } from './parks.ts';
import { numbered, SYNTHETIC_EVIDENCE, SYNTHETIC_NOTE } from './provenance.ts';
import { type Random, Weighted } from './random.ts';

const PLATFORM_TYPE = new Weighted<PlatformType>([
  ['public-tech', 30],
  ['service-centre', 15],
  ['incubator', 15],
  ['testing-registration', 12],
  ['research-institute', 12],
  ['fund', 8],
  ['cdmo', 8],
]);

/** Platforms that belong to no park and serve their city or province, like the seeds' fund towns. */
const PLATFORMS_WITHOUT_PARK = 0.15;

type Metric = ClusterFact['metric'];

/** As often as the seeds use each metric, with the unit and range of its figure (none for designations). */
const METRICS: readonly (readonly [Metric, number, { unit: string; min: number; max: number } | null])[] = [
  ['other', 35, null],
  ['enterprises', 17, { unit: '家', min: 10, max: 800 }],
  ['designation', 15, null],
  ['output', 6, { unit: '亿元', min: 10, max: 3000 }],
  ['ranking', 5, { unit: '名', min: 1, max: 50 }],
  ['investment', 5, { unit: '亿元', min: 1, max: 500 }],
  ['national-platform', 5, null],
  ['financing', 4, { unit: '亿元', min: 1, max: 100 }],
  ['talent', 4, { unit: '人', min: 100, max: 20_000 }],
  ['listed-companies', 2, { unit: '家', min: 1, max: 40 }],
  ['registrations', 2, { unit: '件', min: 5, max: 300 }],
];
const METRIC = new Weighted(METRICS.map(([metric, weight]) => [metric, weight] as const));
const FIGURES = new Map(METRICS.map(([metric, , figure]) => [metric, figure]));

/** Mostly one of the park's own focus codes, sometimes any code of the taxonomy. */
function codeFor(random: Random, mix: IndustryMix, park: Park | null): string {
  const own = park?.industries ?? [];
  return own.length > 0 && random.chance(0.75) ? random.pick(own).code : mix.codes.draw(random);
}

export function generatePlatforms(random: Random, count: number, parks: GeneratedParks, mix: IndustryMix): Platform[] {
  const width = Math.max(5, String(count).length);
  const platforms: Platform[] = [];
  for (let n = 1; n <= count; n++) {
    const type = PLATFORM_TYPE.draw(random);
    const park = parks.bySize.draw(random);
    const own = !random.chance(PLATFORMS_WITHOUT_PARK);
    const { province, city } = park.region;
    const codes = new Set<string>();
    if (!random.chance(0.4)) for (let k = random.int(1, 2); k > 0; k--) codes.add(codeFor(random, mix, own ? park : null));
    platforms.push({
      id: `syn-platform-${numbered(n, width)}`,
      name: `合成平台-${numbered(n, width)}（${PLATFORM_TYPE_LABELS[type]}）`,
      type,
      parkId: own ? park.id : null,
      region: own ? park.region : { province, city: random.chance(0.7) ? city : null, district: null },
      industries: [...codes],
      services: `提供${PLATFORM_TYPE_LABELS[type]}服务${SYNTHETIC_NOTE}。`,
      evidence: SYNTHETIC_EVIDENCE,
    });
  }
  return platforms;
}

export function generateClusterFacts(random: Random, count: number, parks: GeneratedParks, mix: IndustryMix): ClusterFact[] {
  const width = Math.max(5, String(count).length);
  const facts: ClusterFact[] = [];
  for (let n = 1; n <= count; n++) {
    const park = parks.bySize.draw(random);
    const metric = METRIC.draw(random);
    const industry = random.chance(0.2) ? null : codeFor(random, mix, park);
    const figure = FIGURES.get(metric);
    const amount = figure ? { value: Math.round(random.logUniform(figure.min, figure.max)), unit: figure.unit, qualifier: random.chance(0.3) ? ('over' as const) : ('exact' as const) } : null;
    const about = industry === null ? '' : `（${mix.names.get(industry)}）`;
    facts.push({
      id: `syn-fact-${numbered(n, width)}`,
      parkId: park.id,
      industry,
      metric,
      label: `合成事实-${numbered(n, width)}：${park.name}${METRIC_LABELS[metric]}${about}${amount ? ` ${amount.value}${amount.unit}` : ''}`,
      amount,
      year: random.int(2019, 2024),
      evidence: SYNTHETIC_EVIDENCE,
    });
  }
  return facts;
}
