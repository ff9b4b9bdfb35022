import type { MatchFacts } from '@leadmatch/matcher';

/** The facts without the versions they were found at: what a re-match compares. */
function comparable({ rulesVersion: _rules, catalogVersion: _catalog, ...facts }: MatchFacts): string {
  return JSON.stringify(facts);
}

/**
 * A re-match changed nothing when it found the same facts: the same parks in the same order with the
 * same scores, fits and blockers, the same carriers, policies and platforms, and every reason resting on
 * the same findings and the same words of the lead. Only the catalog and rules versions may differ.
 * Facts are built in a fixed key and array order, so equal facts serialise alike.
 */
export function sameFacts(previous: MatchFacts, next: MatchFacts): boolean {
  return comparable(previous) === comparable(next);
}
