/**
 * A small seeded PRNG (mulberry32) with the draws the generator needs. Own code rather than
 * Math.random so that a seed always gives the same catalog, on every Node version.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Log-uniform in [min, max]: areas and amounts spread over orders of magnitude. */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
}

/** Draws positions 0..n-1 in proportion to the given weights. */
export class Weighted<T> {
  readonly #items: readonly T[];
  readonly #cumulative: number[] = [];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.#items = entries.map(([item]) => item);
    let sum = 0;
    for (const [, weight] of entries) this.#cumulative.push((sum += weight));
  }

  draw(random: Random): T {
    const target = random.next() * this.#cumulative.at(-1)!;
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return this.#items[low]!;
  }

  /** `count` distinct items (fewer when there are not that many). */
  drawDistinct(random: Random, count: number): T[] {
    const found = new Set<T>();
    for (let tries = 0; found.size < Math.min(count, this.#items.length) && tries < count * 20; tries++) found.add(this.draw(random));
    return [...found];
  }
}

/** Zipf-like: the k-th item (from 1) weighs 1 / k^exponent, so a few are common and most are rare. */
export function zipf<T>(items: readonly T[], exponent = 1): Weighted<T> {
  return new Weighted(items.map((item, k) => [item, 1 / (k + 1) ** exponent] as const));
}
