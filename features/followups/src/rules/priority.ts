/**
 * Lead priority: pure functions, no I/O, no clock of their own.
 *
 * Priority (hot | warm | cold) weighs the size the lead declared against its best fit (the fit of
 * its top suggestion). A size signal is "large" or "medium" by these thresholds:
 *
 * | signal                      | large      | medium     |
 * | --------------------------- | ---------- | ---------- |
 * | declared annual tax (万元)   | ≥ 1000     | ≥ 200      |
 * | declared investment (万元)   | ≥ 100000   | ≥ 10000    |
 * | land need (亩)               | ≥ 100      | ≥ 20       |
 *
 * - hot:  the best fit is `strong` and at least one signal is large;
 * - warm: the best fit is `strong` (any size), or a signal is large (any fit, with at least one
 *   suggestion), or the best fit is `partial` with a medium signal;
 * - cold: everything else (a weak fit or none, or a partial fit with a small or undeclared size).
 *
 * Undeclared figures count as no signal (never as zero). The reason names the fit and each signal.
 *
 * Due times by priority are in due-time.ts.
 */

export type Priority = 'hot' | 'warm' | 'cold';
export type BestFit = 'strong' | 'partial' | 'weak' | 'none';

export interface PriorityFacts {
  annualTaxWan: number | null;
  investmentWan: number | null;
  landMu: number | null;
  bestFit: BestFit;
}

export interface PriorityAssessment {
  priority: Priority;
  reason: string;
}

export const PRIORITY_THRESHOLDS = {
  annualTaxWan: { large: 1000, medium: 200 },
  investmentWan: { large: 100_000, medium: 10_000 },
  landMu: { large: 100, medium: 20 },
} as const;

const LABELS: Record<keyof typeof PRIORITY_THRESHOLDS, (value: number) => string> = {
  annualTaxWan: (v) => `declared annual tax ${v} 万元`,
  investmentWan: (v) => `declared investment ${v} 万元`,
  landMu: (v) => `land need ${Math.round(v * 10) / 10} 亩`,
};

/** Square metres per 亩. */
export const M2_PER_MU = 10_000 / 15;

export function assessPriority(facts: PriorityFacts): PriorityAssessment {
  const large: string[] = [];
  const medium: string[] = [];
  for (const key of Object.keys(PRIORITY_THRESHOLDS) as (keyof typeof PRIORITY_THRESHOLDS)[]) {
    const value = facts[key];
    if (value === null) continue;
    const limits = PRIORITY_THRESHOLDS[key];
    if (value >= limits.large) large.push(`${LABELS[key](value)} ≥ ${limits.large}`);
    else if (value >= limits.medium) medium.push(`${LABELS[key](value)} ≥ ${limits.medium}`);
  }
  const fit = facts.bestFit === 'none' ? 'no suggested park' : `best fit ${facts.bestFit}`;
  const sizes = large.length ? `large: ${large.join(', ')}` : medium.length ? `medium: ${medium.join(', ')}` : 'no large or medium size declared';
  let priority: Priority = 'cold';
  if (facts.bestFit === 'strong' && large.length) priority = 'hot';
  else if (facts.bestFit === 'strong' || (large.length && facts.bestFit !== 'none') || (facts.bestFit === 'partial' && medium.length)) priority = 'warm';
  return { priority, reason: `${priority}: ${fit}; ${sizes}` };
}
