import type { Executor } from '@leadmatch/db';
import type { LeadRecord } from '@leadmatch/domain';
import type { JobLog } from '@leadmatch/jobs';
import type { NewLeadEvent } from '@leadmatch/leads';
import type { SuggestionChanges } from '@leadmatch/matcher';
import type { RunOutline } from '../repository.ts';

/** A run a round recorded, as other features read it. */
export interface RecordedRun {
  lead: LeadRecord;
  runId: string;
  previous: RunOutline | null;
  result: RunOutline;
  changes: SuggestionChanges | null;
  now: Date;
}

export interface RunsHandled {
  /** Recorded with the runs' own events, in the round's transaction. */
  events: NewLeadEvent[];
  /** Runs once the round's transaction has committed (scheduling jobs, say). */
  afterCommit(): Promise<void>;
}

/**
 * What another feature does with the runs a round records, inside the round's transaction (the
 * follow-up rules create and update tasks there). Matching knows no such feature: the worker's
 * composition root hands it the listener.
 */
export interface RunListener {
  onRuns(trx: Executor, runs: RecordedRun[], log: JobLog): Promise<RunsHandled>;
}
