import type { Generated } from 'kysely';
import type { CreatedAt, Json } from '@leadmatch/db';

export interface MatchRunsTable {
  id: Generated<string>;
  lead_id: string;
  request_id: string;
  is_latest: boolean;
  rules_version: string;
  catalog_version: number;
  industry_codes: string[];
  suggested_park_ids: string[];
  /** The explained result, as runs stored it before they stored facts (json, not jsonb: nothing queries into it). */
  result: Json<unknown> | null;
  /** The result's facts (MatchFacts), worded when read; null for the runs stored before. */
  facts: Json<unknown> | null;
  /** What a re-match compares (see same-facts.ts); null for the runs stored before facts. */
  facts_digest: string | null;
  /** The last match's input: a digest of the lead as matched with the rules version, and the time it was matched at. */
  input_digest: string | null;
  evaluated_at: Date | null;
  /** What the follow-up rules and the next run's comparison read of the result (see RunOutline). */
  outline: Json<unknown>;
  changes: Json<unknown> | null;
  created_at: CreatedAt;
  /** The last re-match that found the same facts: when, against which catalog and rules. */
  checked_at: Date | null;
  checked_catalog_version: number | null;
  checked_rules_version: string | null;
}

export interface MatchingStateTable {
  singleton: Generated<boolean>;
  catalog_version_seen: number;
}

declare module '@leadmatch/db' {
  interface Database {
    match_runs: MatchRunsTable;
    matching_state: MatchingStateTable;
  }
}
