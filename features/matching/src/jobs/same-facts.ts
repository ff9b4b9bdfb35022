import { createHash } from 'node:crypto';
import type { MatchFacts, MatchLead } from '@leadmatch/matcher';

/**
 * A re-match changed nothing when it found the same facts: the same parks in the same order with the
 * same scores, fits and blockers, the same carriers, policies and platforms, and every reason resting on
 * the same findings and the same words of the lead. Only the catalog and rules versions may differ.
 * Facts are built in a fixed key and array order, so equal facts serialise alike, and their digest
 * (stored with the run) stands for them.
 */
export function factsDigest({ rulesVersion: _rules, catalogVersion: _catalog, ...facts }: MatchFacts): string {
  return createHash('sha256').update(JSON.stringify(facts)).digest('base64url');
}

/** The lead as the matcher sees it (its needs and classification), under these rules. */
export function inputDigest(lead: MatchLead, rulesVersion: string): string {
  return createHash('sha256').update(rulesVersion).update(JSON.stringify(lead)).digest('base64url');
}
