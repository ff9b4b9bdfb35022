import type { CatalogCache } from '@leadmatch/catalog';
import {
  completeRequest,
  findLead,
  latestRun,
  lockRequest,
  recordLeadEvent,
  setLeadStatus,
  storeRun,
  type Database,
} from '@leadmatch/db';
import { cancelFollowUpReminders, scheduleFollowUpReminders, type JobLog, type JobQueue } from '@leadmatch/jobs';
import { matchLead, suggestionChanges, toMatchLead, type MatchResult } from '@leadmatch/matching';
import type { Kysely } from 'kysely';
import { applyFollowUpRules, type FollowUpApplyOutcome } from '../followups/apply.ts';
import { followUpTiming, type FollowUpConfig } from '../followups/config.ts';

/** Where the reminders of the follow-up tasks a run creates are scheduled, after the commit. */
export interface FollowUpRunOptions {
  queue: JobQueue;
  log: JobLog;
  config?: FollowUpConfig | undefined;
}

export type RequestOutcome = 'matched' | 'skipped' | 'already-done';

/**
 * Runs one match request: the run, the lead's status, the request's completion, the follow-up tasks
 * and the lead events commit together. The request row is locked, so a repeated job (a retry, a
 * sweep) finds it done. After the commit the tasks' reminders are scheduled when `followUps` names a
 * queue (otherwise, or when that fails, the follow-up sweep schedules them).
 */
export async function runMatchRequest(
  db: Kysely<Database>,
  catalogs: CatalogCache,
  requestId: string,
  now: Date,
  followUps?: FollowUpRunOptions,
): Promise<RequestOutcome> {
  const catalog = await catalogs.current();
  let tasks: FollowUpApplyOutcome | undefined;
  const outcome = await db.transaction().execute(async (trx): Promise<RequestOutcome> => {
    const request = await lockRequest(trx, requestId);
    if (!request || request.completedAt) return 'already-done';
    const lead = await findLead(trx, request.leadId, { ownerKey: null });
    if (!lead || lead.erasedAt) {
      await completeRequest(trx, requestId, 'skipped');
      return 'skipped';
    }
    const result = matchLead(toMatchLead(lead, (text) => catalog.classifier.classify(text)), catalog, { now });
    const previous = await latestRun(trx, lead.id);
    const changes = suggestionChanges((previous?.result as MatchResult | undefined) ?? null, result);
    const runId = await storeRun(trx, {
      leadId: lead.id,
      requestId,
      rulesVersion: result.rulesVersion,
      catalogVersion: result.catalogVersion,
      industryCodes: result.industryCodes.map((match) => match.code),
      suggestedParkIds: result.suggestions.map((suggestion) => suggestion.park.id),
      result,
      changes,
    });
    await setLeadStatus(trx, lead.id, 'matched', null);
    await completeRequest(trx, requestId, 'matched');
    const topParkIds = result.suggestions.slice(0, 3).map((suggestion) => suggestion.park.id);
    await recordLeadEvent(trx, lead.id, 'lead.matched', { runId, reason: request.reason, hasStrongFit: result.hasStrongFit, topParkIds });
    if (changes) await recordLeadEvent(trx, lead.id, 'lead.suggestions_changed', { runId, ...changes });
    tasks = await applyFollowUpRules(trx, {
      lead,
      runId,
      previous: (previous?.result as MatchResult | undefined) ?? null,
      result,
      changes,
      now,
      dueAt: followUps?.config?.dueAt,
    });
    return 'matched';
  });
  if (tasks && followUps) {
    const { queue, log } = followUps;
    if (tasks.unassigned) log.warn({ requestId, tasks: tasks.unassigned }, 'follow-up tasks left unassigned: no active officer');
    for (const { taskId, version } of tasks.toCancel) await cancelFollowUpReminders(queue, taskId, version, log);
    await scheduleFollowUpReminders(queue, db, tasks.toSchedule, followUpTiming(followUps.config), log);
  }
  return outcome;
}

/** After the last attempt: the lead is marked failed, with the reason, and the request closed. */
export async function failMatchRequest(db: Kysely<Database>, requestId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const request = await lockRequest(trx, requestId);
    if (!request || request.completedAt) return;
    await setLeadStatus(trx, request.leadId, 'failed', reason.slice(0, 500));
    await completeRequest(trx, requestId, 'failed');
  });
}
