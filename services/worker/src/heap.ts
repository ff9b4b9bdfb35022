import v8 from 'node:v8';

/**
 * Caps how far V8 lets the old generation grow past what survived the last full collection: twice,
 * instead of up to four times when collections are cheap. Matching promotes many short-lived,
 * large result strings (a page of runs is in flight while others are matched), so without a cap a
 * national-scale re-match took the worker to about 700 MB resident for a live heap near 100 MB; with
 * it, about 430 MB, for the same CPU. V8 reads the flag at every collection, so setting it at
 * start-up takes effect.
 */
export function capHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=100');
}
