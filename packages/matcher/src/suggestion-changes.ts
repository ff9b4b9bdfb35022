import type { Fit, MatchResult } from './types.ts';

export interface SuggestionChanges {
  /** Parks now in the top 3 that were not before. */
  enteredTop3: string[];
  /** Parks suggested before and not any more. */
  dropped: string[];
  /** Carriers suggested before at a park still suggested, now gone from its suggestion. */
  carriersGone: { parkId: string; carrierId: string }[];
  /** The first three parks before and now, in order: a new first choice is a change even among the same three. */
  top3Before: string[];
  top3After: string[];
  /** Parks suggested before and now whose fit moved (strong → partial, say). */
  fitChanged: { parkId: string; from: Fit; to: Fit }[];
}

type Outline = Pick<MatchResult, 'suggestions'>;

const top3 = (result: Outline) => result.suggestions.slice(0, 3).map((s) => s.park.id);
const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** What changed in a lead's suggestions since its previous run; null when nothing did (or there was none). */
export function suggestionChanges(previous: Outline | null, next: Outline): SuggestionChanges | null {
  if (!previous) return null;
  const before = top3(previous);
  const after = top3(next);
  const nextBy = new Map(next.suggestions.map((s) => [s.park.id, s]));
  const changes: SuggestionChanges = {
    enteredTop3: after.filter((id) => !before.includes(id)),
    dropped: previous.suggestions.map((s) => s.park.id).filter((id) => !nextBy.has(id)),
    carriersGone: previous.suggestions.flatMap((s) => {
      const now = nextBy.get(s.park.id);
      if (!now) return [];
      const kept = new Set(now.carriers.map((c) => c.id));
      return s.carriers.filter((c) => !kept.has(c.id)).map((c) => ({ parkId: s.park.id, carrierId: c.id }));
    }),
    top3Before: before,
    top3After: after,
    fitChanged: previous.suggestions.flatMap((s) => {
      const now = nextBy.get(s.park.id);
      return now && now.fit !== s.fit ? [{ parkId: s.park.id, from: s.fit, to: now.fit }] : [];
    }),
  };
  const changed = !sameOrder(before, after) || changes.dropped.length + changes.carriersGone.length + changes.fitChanged.length > 0;
  return changed ? changes : null;
}
