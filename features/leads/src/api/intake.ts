import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GroupCommit, isDatabaseUnavailable, type Database, type PersonalData } from '@leadmatch/db';
import { toLeadView, type LeadNeeds } from '@leadmatch/domain';
import { type JobLog, type JobQueue } from '@leadmatch/jobs';
import { intakeConflictKeys, saveLeadsWithMatchRequests, type IntakeOutcome, type LeadToSave, type SavedLead } from '../intake-repository.ts';
import { dispatchMatchRequestPages } from '../match-requests/dispatch.ts';
import type { LeadIntakeResult } from './schemas.ts';

/** Concurrent POST /v1/leads share statements; these bound one batch and the batches in flight. */
const MAX_BATCH = 64;
const MAX_CONCURRENT_BATCHES = 4;

export interface LeadIntake {
  save(lead: { ownerKey: string; externalId: string | null; needs: LeadNeeds; idempotency: LeadToSave['idempotency'] }): Promise<IntakeOutcome>;
  /** Waits for every lead handed in to be saved and dispatched. */
  drain(): Promise<void>;
}

/** The response a saved (or linked) lead gets, and that its Idempotency-Key keeps. */
export function intakeResponse(saved: SavedLead): { statusCode: 200 | 201; body: LeadIntakeResult } {
  const view = toLeadView(saved.lead);
  if (saved.kind === 'linked') return { statusCode: 200, body: { ...view, duplicateOf: { leadId: saved.lead.id, matchedBy: saved.matchedBy } } };
  return { statusCode: saved.kind === 'created' ? 201 : 200, body: view };
}

/**
 * Group commit for lead intake: the leads that arrive together are saved, with their match
 * requests, in one statement. Their callers are answered on commit; the match requests follow to
 * the queue in pages of their own, each page matched in one transaction by a worker (a request the
 * queue misses stays open for the sweeper).
 */
export function openLeadIntake(db: Kysely<Database>, queue: JobQueue, log: JobLog, personalData: PersonalData): LeadIntake {
  const saves = new GroupCommit<LeadToSave, IntakeOutcome>((leads) => saveLeadsWithMatchRequests(db, leads, intakeResponse, personalData), {
    maxBatch: MAX_BATCH,
    maxConcurrent: MAX_CONCURRENT_BATCHES,
    conflictKeys: intakeConflictKeys(personalData),
    failsEveryItem: isDatabaseUnavailable,
  });
  const dispatches = new GroupCommit<string, void>(
    async (requestIds) => {
      await dispatchMatchRequestPages(queue, db, requestIds, log);
      return requestIds.map(() => undefined);
    },
    { maxBatch: MAX_BATCH * MAX_CONCURRENT_BATCHES, maxConcurrent: 1 },
  );
  return {
    async save(lead) {
      const outcome = await saves.submit({ ...lead, newId: randomUUID() });
      if ('matchRequestId' in outcome) void dispatches.submit(outcome.matchRequestId);
      return outcome;
    },
    async drain() {
      await saves.drain();
      await dispatches.drain();
    },
  };
}
