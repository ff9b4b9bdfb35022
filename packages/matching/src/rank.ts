import type { ScoredPark } from './assess-park.ts';

const FIT_TIER = { strong: 2, partial: 1, weak: 0 } as const;

/**
 * Fit first (a strong fit always ranks above a partial one, so the list never contradicts its own
 * labels), then score desc, then park id: the same catalog gives the same order whatever order it
 * was loaded in.
 */
function outranks(a: ScoredPark, b: ScoredPark): boolean {
  const tier = FIT_TIER[a.fit] - FIT_TIER[b.fit];
  if (tier !== 0) return tier > 0;
  return a.score > b.score || (a.score === b.score && a.entry.park.id < b.entry.park.id);
}

/** The best `n` in rank order, by insertion into a short list: O(parks × n), no full sort. */
export function topRanked(parks: readonly ScoredPark[], n: number): ScoredPark[] {
  const top: ScoredPark[] = [];
  if (n <= 0) return top;
  for (const park of parks) {
    if (top.length === n) {
      if (!outranks(park, top[n - 1]!)) continue;
      top.pop();
    }
    let i = top.length;
    while (i > 0 && outranks(park, top[i - 1]!)) i--;
    top.splice(i, 0, park);
  }
  return top;
}
