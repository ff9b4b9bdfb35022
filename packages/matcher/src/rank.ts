import type { ParkEntry } from './catalog-tables.ts';
import type { Fit } from './types.ts';

const FIT_TIER = { strong: 2, partial: 1, weak: 0 } as const;

/** What a park is ranked by: an assessed park, or a prospect whose score is a bound. */
interface Standing {
  entry: ParkEntry;
  fit: Fit;
  score: number;
}

/**
 * Fit first (a strong fit always ranks above a partial one, so the list never contradicts its own
 * labels), then score desc, then park id: the same catalog gives the same order whatever order it
 * was loaded in, and whatever order the parks are visited in.
 */
function outranks(a: Standing, b: Standing): boolean {
  const tier = FIT_TIER[a.fit] - FIT_TIER[b.fit];
  if (tier !== 0) return tier > 0;
  return a.score > b.score || (a.score === b.score && a.entry.park.id < b.entry.park.id);
}

/** The best `n` parks seen so far, in rank order, by insertion into a short list: no full sort. */
export class TopN<T extends Standing> {
  readonly ranked: T[] = [];
  readonly #n: number;

  constructor(n: number) {
    this.#n = Math.max(0, n);
  }

  /** Whether a park standing so (or lower) could still enter the list. */
  admits(standing: Standing): boolean {
    return this.ranked.length < this.#n || (this.#n > 0 && outranks(standing, this.ranked[this.#n - 1]!));
  }

  /** Whether the list is full of parks of a better fit than this: no park of this fit can enter. */
  fullAbove(fit: Fit): boolean {
    return this.#n === 0 || (this.ranked.length === this.#n && FIT_TIER[this.ranked[this.#n - 1]!.fit] > FIT_TIER[fit]);
  }

  add(park: T): void {
    if (!this.admits(park)) return;
    if (this.ranked.length === this.#n) this.ranked.pop();
    let i = this.ranked.length;
    while (i > 0 && outranks(park, this.ranked[i - 1]!)) i--;
    this.ranked.splice(i, 0, park);
  }
}
