import type { Industry } from '@leadmatch/domain';
import { zipf, type Weighted } from './random.ts';

/**
 * Codes of the real taxonomy (seeds/industries.json), most common park focus first: equipment, ICT,
 * materials and biomedicine lead most Chinese development zones; acoustics or marine biology, a few.
 * Codes the taxonomy gains later are appended at the rare end.
 */
const BY_POPULARITY = [
  'high-end-equipment',
  'ngit',
  'new-materials',
  'biomed',
  'smart-manufacturing-equipment',
  'new-energy',
  'digital-economy',
  'medical-devices',
  'integrated-circuits',
  'software',
  'new-energy-vehicles',
  'modern-services',
  'ai',
  'tech-services',
  'green-industry',
  'semiconductors',
  'industrial-internet',
  'robotics',
  'health',
  'e-commerce',
  'photovoltaics',
  'energy-storage',
  'biologics',
  'finance',
  'testing-certification',
  'smart-city',
  'ic-design',
  'ic-manufacturing',
  'ic-packaging',
  'third-gen-semiconductors',
  'diagnostics',
  'gene-cell-therapy',
  'nanotech',
  'networks-6g',
  'tech-transfer',
  'ip-services',
  'human-resources',
  'marine',
  'marine-biology',
  'acoustics',
];

export interface IndustryMix {
  /** Zipf-like over the taxonomy in popularity order. */
  codes: Weighted<string>;
  names: ReadonlyMap<string, string>;
}

export function industryMix(industries: readonly Industry[]): IndustryMix {
  const known = new Set(industries.map((industry) => industry.code));
  const ordered = [...BY_POPULARITY.filter((code) => known.has(code)), ...[...known].filter((code) => !BY_POPULARITY.includes(code))];
  return { codes: zipf(ordered), names: new Map(industries.map((industry) => [industry.code, industry.name.zhHans])) };
}
