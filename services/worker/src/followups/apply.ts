import {
  addFollowUpHistory,
  followUpEventData,
  insertFollowUpTask,
  isActiveOfficer,
  nextOfficer,
  openFollowUpTasksOfLead,
  recordLeadEvent,
  updateFollowUpTask,
  type Executor,
} from '@leadmatch/db';
import type { ReminderTarget } from '@leadmatch/jobs';
import { assessPriority, dueAtFor, M2_PER_MU, type BestFit, type Priority, type PriorityAssessment } from './priority.ts';
import { followUpRules, type RuleChanges, type RuleResult } from './rules.ts';

/** Who the rules act as in task histories. */
export const RULES_ACTOR = 'rules';

export interface FollowUpApplyInput {
  lead: { id: string; annualTaxWan: number | null; investmentWan: number | null; landM2: number | null };
  runId: string;
  previous: RuleResult | null;
  result: RuleResult;
  changes: RuleChanges | null;
  now: Date;
  /** Overrides the due time of rule tasks (tests use a shortened clock); default by priority. */
  dueAt?: ((priority: Priority, now: Date) => Date) | undefined;
}

export interface FollowUpApplyOutcome {
  priority: PriorityAssessment;
  /** Tasks whose (new) due version needs its reminders scheduled after the commit. */
  toSchedule: ReminderTarget[];
  /** Reminders to remove after the commit: the task and the due version they were scheduled for. */
  toCancel: { taskId: string; version: number }[];
  created: number;
  updated: number;
  cancelled: number;
  /** Tasks created without an assignee, as there is no active officer. */
  unassigned: number;
}

export function bestFitOf(result: RuleResult): BestFit {
  return result.suggestions[0]?.fit ?? 'none';
}

/**
 * Runs the follow-up rules for one match run and stores the outcome in the run's transaction: new
 * tasks (assigned round-robin, with `followup.created` events), updates of open tasks of the same
 * kind and park instead of duplicates, cancellations and notes from the suggestion changes.
 */
export async function applyFollowUpRules(trx: Executor, input: FollowUpApplyInput): Promise<FollowUpApplyOutcome> {
  const { lead, runId, now } = input;
  const priority = assessPriority({
    annualTaxWan: lead.annualTaxWan,
    investmentWan: lead.investmentWan,
    landMu: lead.landM2 === null ? null : lead.landM2 / M2_PER_MU,
    bestFit: bestFitOf(input.result),
  });
  const dueAt = (input.dueAt ?? dueAtFor)(priority.priority, now);
  const rules = followUpRules({ previous: input.previous, result: input.result, changes: input.changes, priority });
  const outcome: FollowUpApplyOutcome = { priority, toSchedule: [], toCancel: [], created: 0, updated: 0, cancelled: 0, unassigned: 0 };

  const open = await openFollowUpTasksOfLead(trx, lead.id);
  const key = (kind: string, parkId: string | null) => `${kind}|${parkId ?? ''}`;
  const openByKey = new Map(open.filter((task) => task.kind !== 'manual').map((task) => [key(task.kind, task.parkId), task]));

  for (const cancel of rules.cancel) {
    const task = openByKey.get(key(cancel.kind, cancel.parkId));
    if (!task) continue;
    openByKey.delete(key(cancel.kind, cancel.parkId));
    await updateFollowUpTask(trx, task.id, { status: 'cancelled', bumpVersion: true });
    await addFollowUpHistory(trx, task.id, { action: 'cancelled', actor: RULES_ACTOR, data: { from: 'open', to: 'cancelled', runId }, note: cancel.reason });
    outcome.toCancel.push({ taskId: task.id, version: task.dueVersion });
    outcome.cancelled++;
  }

  for (const note of rules.notes) {
    const task = openByKey.get(key(note.kind, note.parkId));
    if (task) await addFollowUpHistory(trx, task.id, { action: 'note', actor: RULES_ACTOR, data: { runId }, note: note.note });
  }

  // The lead keeps one officer: the assignee of its open tasks while active, else the next in turn.
  let assignee: string | null | undefined;
  const assigneeFor = async () => {
    if (assignee !== undefined) return assignee;
    for (const task of open) {
      if (task.assigneeId && (await isActiveOfficer(trx, task.assigneeId))) return (assignee = task.assigneeId);
    }
    return (assignee = (await nextOfficer(trx)) ?? null);
  };

  for (const spec of rules.create) {
    const existing = openByKey.get(key(spec.kind, spec.parkId));
    if (existing) {
      const earlier = dueAt < existing.dueAt;
      const updated = await updateFollowUpTask(trx, existing.id, {
        priority: priority.priority,
        priorityReason: priority.reason,
        ...(earlier && { dueAt, bumpVersion: true }),
      });
      await addFollowUpHistory(trx, existing.id, {
        action: earlier ? 'rescheduled' : 'updated',
        actor: RULES_ACTOR,
        data: { runId, priority: priority.priority, ...(earlier && { fromDueAt: existing.dueAt.toISOString(), dueAt: dueAt.toISOString() }) },
        note: spec.reason,
      });
      if (earlier) {
        outcome.toCancel.push({ taskId: existing.id, version: existing.dueVersion });
        outcome.toSchedule.push({ id: updated.id, dueAt: updated.dueAt, dueVersion: updated.dueVersion });
      }
      outcome.updated++;
      continue;
    }
    const assigneeId = await assigneeFor();
    const task = await insertFollowUpTask(trx, {
      leadId: lead.id,
      runId,
      kind: spec.kind,
      parkId: spec.parkId,
      priority: priority.priority,
      priorityReason: priority.reason,
      dueAt,
      assigneeId,
      note: null,
    });
    if (!task) continue; // this run already created it
    openByKey.set(key(spec.kind, spec.parkId), task);
    await addFollowUpHistory(trx, task.id, {
      action: 'created',
      actor: RULES_ACTOR,
      data: { runId, to: 'open', assigneeId, dueAt: dueAt.toISOString() },
      note: assigneeId ? spec.reason : `${spec.reason}; unassigned: no active officer`,
    });
    await recordLeadEvent(trx, lead.id, 'followup.created', followUpEventData(task, { runId, priorityReason: priority.reason }));
    outcome.toSchedule.push({ id: task.id, dueAt: task.dueAt, dueVersion: task.dueVersion });
    outcome.created++;
    if (!assigneeId) outcome.unassigned++;
  }
  return outcome;
}
