import type { MatchResult } from './types.ts';

export interface SuggestionChanges {
  /** Parks now in the top 3 that were not before. */
  enteredTop3: string[];
  /** Parks suggested before and not any more. */
  dropped: string[];
  /** Carriers suggested before at a park still suggested, now gone from its suggestion. */
  carriersGone: { parkId: string; carrierId: string }[];
}

const top3 = (result: MatchResult) => result.suggestions.slice(0, 3).map((s) => s.park.id);

/** What changed in a lead's suggestions since its previous run; null when nothing did (or there was none). */
export function suggestionChanges(previous: MatchResult | null, next: MatchResult): SuggestionChanges | null {
  if (!previous) return null;
  const before = new Set(top3(previous));
  const nextIds = new Set(next.suggestions.map((s) => s.park.id));
  const nextCarriers = new Map(next.suggestions.map((s) => [s.park.id, new Set(s.carriers.map((c) => c.id))]));
  const changes: SuggestionChanges = {
    enteredTop3: top3(next).filter((id) => !before.has(id)),
    dropped: previous.suggestions.map((s) => s.park.id).filter((id) => !nextIds.has(id)),
    carriersGone: previous.suggestions.flatMap((s) =>
      nextCarriers.has(s.park.id)
        ? s.carriers.filter((c) => !nextCarriers.get(s.park.id)!.has(c.id)).map((c) => ({ parkId: s.park.id, carrierId: c.id }))
        : [],
    ),
  };
  const changed = changes.enteredTop3.length + changes.dropped.length + changes.carriersGone.length > 0;
  return changed ? changes : null;
}
