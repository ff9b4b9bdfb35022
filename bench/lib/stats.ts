export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentiles of latencies in milliseconds, rounded to 0.01 ms; zeros when there are none. */
export function summarizeLatencies(latenciesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  if (sorted.length === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0 };
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { p50Ms: round(rank(0.5)), p99Ms: round(rank(0.99)), maxMs: round(sorted.at(-1)!), meanMs: round(sum / sorted.length) };
}

export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A ratio rounded to three decimals, or null when the baseline is missing (not run) or zero. */
export function ratio(value: number, baseline: number | undefined): number | null {
  return baseline ? round(value / baseline, 3) : null;
}
