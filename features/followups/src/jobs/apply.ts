import { type Executor } from '@leadmatch/db';
import { type NewLeadEvent } from '@leadmatch/leads';
import { addFollowUpHistories, type NewFollowUpHistoryEntry } from '../history-repository.ts';
import { followUpEventData, insertFollowUpTasks, openFollowUpTasksOfLeads, updateFollowUpTask, updateFollowUpTasks, type FollowUpTask } from '../repository.ts';
import { OfficerTurns } from '../rules/officer-turns.ts';
import { dueAtFor, type DueTime } from '../rules/due-time.ts';
import { assessPriority, M2_PER_MU, type BestFit, type Priority, type PriorityAssessment } from '../rules/priority.ts';
import { followUpRules, type RuleChanges, type RuleOutcome, type RuleResult, type TaskSpec } from '../rules/rules.ts';
import { defaultFollowUpTiming, firstReminderAt, type FollowUpTiming } from './reminder-schedule.ts';

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
  /** `followup.created` events, for the caller to record with the runs' own events. */
  events: NewLeadEvent[];
  created: number;
  updated: number;
  cancelled: number;
  /** Tasks created without an assignee, as there is no active officer. */
  unassigned: number;
  /** Years the due times counted Monday to Friday for want of holiday data, for the caller to log. */
  calendarFallbackYears: number[];
}

export function bestFitOf(result: RuleResult): BestFit {
  return result.suggestions[0]?.fit ?? 'none';
}

/** One run's rules, decided before anything is read or written. */
interface RunPlan {
  input: FollowUpApplyInput;
  priority: PriorityAssessment;
  dueAt: Date;
  /** Years the due time counted Monday to Friday (no holiday data). */
  calendarFallbackYears: number[];
  /** When the first reminder of a task due at `dueAt` is due. */
  firstReminderAt: Date;
  rules: RuleOutcome;
}

/** A task to create for a run, once its lead's assignee is known. */
interface PendingTask {
  plan: RunPlan;
  spec: TaskSpec;
  assigneeId: string | null;
}

const taskKey = (leadId: string, kind: string, parkId: string | null) => `${leadId}|${kind}|${parkId ?? ''}`;

function planRun(input: FollowUpApplyInput, timing: FollowUpTiming): RunPlan {
  const { lead } = input;
  const priority = assessPriority({
    annualTaxWan: lead.annualTaxWan,
    investmentWan: lead.investmentWan,
    landMu: lead.landM2 === null ? null : lead.landM2 / M2_PER_MU,
    bestFit: bestFitOf(input.result),
  });
  const due = dueTimeOf(input, priority.priority);
  const rules = followUpRules({ previous: input.previous, result: input.result, changes: input.changes, priority });
  return { input, priority, dueAt: due.at, calendarFallbackYears: due.fallbackYears, firstReminderAt: firstReminderAt(due.at, timing), rules };
}

function dueTimeOf(input: FollowUpApplyInput, priority: Priority): DueTime {
  return input.dueAt ? { at: input.dueAt(priority, input.now), fallbackYears: [] } : dueAtFor(priority, input.now);
}

function byLead(tasks: FollowUpTask[]): Map<string, FollowUpTask[]> {
  const grouped = new Map<string, FollowUpTask[]>();
  for (const task of tasks) {
    const group = grouped.get(task.leadId);
    if (group) group.push(task);
    else grouped.set(task.leadId, [task]);
  }
  return grouped;
}

const acts = ({ rules }: RunPlan) => rules.create.length + rules.cancel.length + rules.notes.length > 0;

/** What the runs of a batch change, gathered before the multi-row writes. */
interface Changes {
  history: NewFollowUpHistoryEntry[];
  cancelled: string[];
  /** Rule tasks with no open task of the same kind and park: created once assignees are known. */
  pending: { plan: RunPlan; spec: TaskSpec; open: FollowUpTask[] }[];
}

/**
 * Runs the follow-up rules for match runs of distinct leads and stores the outcome in their
 * transaction, with multi-row writes: new tasks (assigned round-robin), updates of open tasks of the
 * same kind and park instead of duplicates, cancellations and notes from the suggestion changes.
 */
export async function applyFollowUpRules(
  trx: Executor,
  inputs: FollowUpApplyInput[],
  timing: FollowUpTiming = defaultFollowUpTiming,
): Promise<FollowUpApplyOutcome> {
  const plans = inputs.map((input) => planRun(input, timing)).filter(acts);
  const calendarFallbackYears = [...new Set(plans.flatMap((plan) => plan.calendarFallbackYears))];
  const outcome: FollowUpApplyOutcome = { events: [], created: 0, updated: 0, cancelled: 0, unassigned: 0, calendarFallbackYears };
  if (plans.length === 0) return outcome;
  const openByLead = byLead(await openFollowUpTasksOfLeads(trx, plans.map((plan) => plan.input.lead.id)));
  const changes: Changes = { history: [], cancelled: [], pending: [] };
  for (const plan of plans) await reconcile(trx, plan, openByLead.get(plan.input.lead.id) ?? [], changes, outcome);
  await updateFollowUpTasks(trx, changes.cancelled, { status: 'cancelled', nextReminderAt: null });
  outcome.cancelled = changes.cancelled.length;
  await createTasks(trx, await assign(trx, changes.pending), changes.history, outcome);
  await addFollowUpHistories(trx, changes.history);
  return outcome;
}

/** One run's rules against its lead's open tasks: cancellations, notes, updates now; creations pending. */
async function reconcile(trx: Executor, plan: RunPlan, open: FollowUpTask[], changes: Changes, outcome: FollowUpApplyOutcome): Promise<void> {
  const { lead, runId } = plan.input;
  const openByKey = new Map(open.filter((task) => task.kind !== 'manual').map((task) => [taskKey(lead.id, task.kind, task.parkId), task]));
  for (const cancel of plan.rules.cancel) {
    const task = openByKey.get(taskKey(lead.id, cancel.kind, cancel.parkId));
    if (!task) continue;
    openByKey.delete(taskKey(lead.id, cancel.kind, cancel.parkId));
    changes.cancelled.push(task.id);
    changes.history.push({ taskId: task.id, action: 'cancelled', actor: RULES_ACTOR, data: { from: 'open', to: 'cancelled', runId }, note: cancel.reason });
  }
  for (const note of plan.rules.notes) {
    const task = openByKey.get(taskKey(lead.id, note.kind, note.parkId));
    if (task) changes.history.push({ taskId: task.id, action: 'note', actor: RULES_ACTOR, data: { runId }, note: note.note });
  }
  for (const spec of plan.rules.create) {
    const existing = openByKey.get(taskKey(lead.id, spec.kind, spec.parkId));
    if (existing) await updateOpenTask(trx, plan, spec, existing, changes.history, outcome);
    else changes.pending.push({ plan, spec, open });
  }
}

/** A rule task already open from an earlier run: its priority follows the new run, its due time only moves earlier (its reminders start again). */
async function updateOpenTask(
  trx: Executor,
  plan: RunPlan,
  spec: TaskSpec,
  existing: FollowUpTask,
  history: NewFollowUpHistoryEntry[],
  outcome: FollowUpApplyOutcome,
): Promise<void> {
  const { priority, dueAt } = plan;
  const earlier = dueAt < existing.dueAt;
  await updateFollowUpTask(trx, existing.id, {
    priority: priority.priority,
    priorityReason: priority.reason,
    ...(earlier && { dueAt, escalationStep: -1, nextReminderAt: plan.firstReminderAt }),
  });
  history.push({
    taskId: existing.id,
    action: earlier ? 'rescheduled' : 'updated',
    actor: RULES_ACTOR,
    data: { runId: plan.input.runId, priority: priority.priority, ...(earlier && { fromDueAt: existing.dueAt.toISOString(), dueAt: dueAt.toISOString() }) },
    note: spec.reason,
  });
  outcome.updated++;
}

/** A lead keeps one officer: the assignee of its open tasks while active, else the next in turn (once per lead). */
async function assign(trx: Executor, pending: Changes['pending']): Promise<PendingTask[]> {
  if (pending.length === 0) return [];
  const turns = await OfficerTurns.load(trx);
  const assignees = new Map<string, string | null>();
  const assigned: PendingTask[] = [];
  for (const { plan, spec, open } of pending) {
    const leadId = plan.input.lead.id;
    if (!assignees.has(leadId)) {
      const keeper = open.find((task) => task.assigneeId && turns.isActive(task.assigneeId))?.assigneeId;
      assignees.set(leadId, keeper ?? (await turns.next()));
    }
    assigned.push({ plan, spec, assigneeId: assignees.get(leadId)! });
  }
  await turns.save();
  return assigned;
}

async function createTasks(trx: Executor, pending: PendingTask[], history: NewFollowUpHistoryEntry[], outcome: FollowUpApplyOutcome): Promise<void> {
  const rows = await insertFollowUpTasks(
    trx,
    pending.map(({ plan, spec, assigneeId }) => ({
      leadId: plan.input.lead.id,
      runId: plan.input.runId,
      kind: spec.kind,
      parkId: spec.parkId,
      priority: plan.priority.priority,
      priorityReason: plan.priority.reason,
      dueAt: plan.dueAt,
      nextReminderAt: plan.firstReminderAt,
      assigneeId,
      note: null,
    })),
  );
  const inserted = new Map(rows.map((task) => [taskKey(task.leadId, task.kind, task.parkId), task]));
  for (const { plan, spec, assigneeId } of pending) {
    const { lead, runId } = plan.input;
    const task = inserted.get(taskKey(lead.id, spec.kind, spec.parkId));
    if (!task) continue; // this run already created it
    history.push({
      taskId: task.id,
      action: 'created',
      actor: RULES_ACTOR,
      data: { runId, to: 'open', assigneeId, dueAt: plan.dueAt.toISOString() },
      note: assigneeId ? spec.reason : `${spec.reason}; unassigned: no active officer`,
    });
    outcome.events.push({ leadId: lead.id, type: 'followup.created', data: followUpEventData(task, { runId, priorityReason: plan.priority.reason }) });
    outcome.created++;
    if (!assigneeId) outcome.unassigned++;
  }
}
