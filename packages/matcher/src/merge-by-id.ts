/**
 * Lists each already in id order, merged into one in id order: how the per-area lists a lead has
 * judged once are combined for each park it explains, without sorting again.
 */
export function mergeById<T>(lists: readonly (readonly T[])[], idOf: (item: T) => string): T[] {
  const merged: T[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![next[i]!];
      if (head !== undefined && (pick < 0 || idOf(head) < idOf(lists[pick]![next[pick]!]!))) pick = i;
    }
    if (pick < 0) return merged;
    merged.push(lists[pick]![next[pick]!++]!);
  }
}
