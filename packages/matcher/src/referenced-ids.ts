import type { MatchFacts } from './facts.ts';

/** Every catalog document `renderMatch` reads for these facts, by kind, each id once, sorted. */
export interface ReferencedIds {
  parks: string[];
  carriers: string[];
  policies: string[];
  platforms: string[];
  clusterFacts: string[];
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

export function referencedIds({ suggestions }: MatchFacts): ReferencedIds {
  return {
    parks: sorted(suggestions.flatMap((s) => (s.parentPark === null ? [s.park] : [s.park, s.parentPark]))),
    carriers: sorted(suggestions.flatMap((s) => [...s.carriers, ...(s.reasons[1].noneFits?.carriers ?? [])])),
    policies: sorted(suggestions.flatMap((s) => s.policies)),
    platforms: sorted(suggestions.flatMap((s) => [...s.platforms.inPark, ...s.platforms.nearby])),
    clusterFacts: sorted(suggestions.flatMap((s) => s.reasons[0].clusterFacts)),
  };
}
