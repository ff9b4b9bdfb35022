import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';
import type { FollowUpKind, FollowUpStatus, LeadPriority } from './tables.ts';


export interface FollowUpTask {
  id: string;
  leadId: string;
  runId: string | null;
  kind: FollowUpKind;
  parkId: string | null;
  status: FollowUpStatus;
  priority: LeadPriority | null;
  priorityReason: string | null;
  dueAt: Date;
  assigneeId: string | null;
  /** The service's own note (a rule's reason): not personal data, kept plain. */
  note: string | null;
  /** The note staff typed, sealed (opened by the API with the key). */
  staffNoteSealed: string | null;
  escalationStep: number;
  nextReminderAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a follow-up event (in lead_events, and so in webhooks) says of a task: ids and business facts only. */
export function followUpEventData(task: FollowUpTask, extra: Record<string, unknown> = {}) {
  return {
    taskId: task.id,
    kind: task.kind,
    parkId: task.parkId,
    dueAt: task.dueAt.toISOString(),
    assigneeId: task.assigneeId,
    priority: task.priority,
    ...extra,
  };
}

interface TaskRow {
  id: string;
  lead_id: string;
  run_id: string | null;
  kind: FollowUpKind;
  park_id: string | null;
  status: FollowUpStatus;
  priority: LeadPriority | null;
  priority_reason: string | null;
  due_at: Date;
  assignee_id: string | null;
  note: string | null;
  note_sealed: string | null;
  escalation_step: number;
  next_reminder_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toTask(row: TaskRow): FollowUpTask {
  return {
    id: row.id,
    leadId: row.lead_id,
    runId: row.run_id,
    kind: row.kind,
    parkId: row.park_id,
    status: row.status,
    priority: row.priority,
    priorityReason: row.priority_reason,
    dueAt: row.due_at,
    assigneeId: row.assignee_id,
    note: row.note,
    staffNoteSealed: row.note_sealed,
    escalationStep: row.escalation_step,
    nextReminderAt: row.next_reminder_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewFollowUpTask {
  leadId: string;
  runId: string | null;
  kind: FollowUpKind;
  parkId: string | null;
  priority: LeadPriority | null;
  priorityReason: string | null;
  dueAt: Date;
  /** When its first reminder is due. */
  nextReminderAt: Date;
  assigneeId: string | null;
  note: string | null;
  /** The note staff typed, sealed by the API with the `follow_up_note` field. */
  staffNoteSealed?: string | null;
}

/** Inserts tasks; a task this run already created (lead, run, kind, park) is left out of the answer. */
export async function insertFollowUpTasks(db: Executor, tasks: NewFollowUpTask[]): Promise<FollowUpTask[]> {
  if (tasks.length === 0) return [];
  const rows = await db
    .insertInto('follow_up_tasks')
    .values(
      tasks.map((task) => ({
        lead_id: task.leadId,
        run_id: task.runId,
        kind: task.kind,
        park_id: task.parkId,
        priority: task.priority,
        priority_reason: task.priorityReason,
        due_at: task.dueAt,
        next_reminder_at: task.nextReminderAt,
        assignee_id: task.assigneeId,
        note: task.note,
        note_sealed: task.staffNoteSealed ?? null,
      })),
    )
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .execute();
  return rows.map(toTask);
}

/** Inserts a task; undefined when this run already created the same task (lead, run, kind, park). */
export async function insertFollowUpTask(db: Executor, task: NewFollowUpTask): Promise<FollowUpTask | undefined> {
  return (await insertFollowUpTasks(db, [task]))[0];
}

export async function findFollowUpTask(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<FollowUpTask | undefined> {
  let query = db.selectFrom('follow_up_tasks').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toTask(row);
}

/** The open tasks of these leads, locked for the caller's transaction, oldest first. */
export async function openFollowUpTasksOfLeads(trx: Executor, leadIds: string[]): Promise<FollowUpTask[]> {
  if (leadIds.length === 0) return [];
  const rows = await trx
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('lead_id', 'in', leadIds)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toTask);
}

export interface FollowUpTaskChanges {
  status?: FollowUpStatus;
  dueAt?: Date;
  assigneeId?: string | null;
  priority?: LeadPriority | null;
  priorityReason?: string | null;
  escalationStep?: number;
  /** null stops the task's reminders. */
  nextReminderAt?: Date | null;
}

/** Applies the same changes to every task named; returns them changed, in any order. */
export async function updateFollowUpTasks(db: Executor, ids: string[], changes: FollowUpTaskChanges): Promise<FollowUpTask[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('follow_up_tasks')
    .set({
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.dueAt !== undefined && { due_at: changes.dueAt }),
      ...(changes.assigneeId !== undefined && { assignee_id: changes.assigneeId }),
      ...(changes.priority !== undefined && { priority: changes.priority }),
      ...(changes.priorityReason !== undefined && { priority_reason: changes.priorityReason }),
      ...(changes.escalationStep !== undefined && { escalation_step: changes.escalationStep }),
      ...(changes.nextReminderAt !== undefined && { next_reminder_at: changes.nextReminderAt }),
      updated_at: sql`now()`,
    })
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  return rows.map(toTask);
}

export async function updateFollowUpTask(db: Executor, id: string, changes: FollowUpTaskChanges): Promise<FollowUpTask> {
  const [task] = await updateFollowUpTasks(db, [id], changes);
  if (!task) throw new Error(`no follow-up task ${id}`);
  return task;
}

export interface FollowUpCursor {
  dueAt: Date;
  id: string;
}

export interface FollowUpFilter {
  status?: FollowUpStatus | undefined;
  assigneeId?: string | undefined;
  leadId?: string | undefined;
  /** true: open and due before `now`; false: not overdue (done, cancelled, or due later). */
  overdue?: boolean | undefined;
  now: Date;
  after?: FollowUpCursor | undefined;
  limit: number;
}

/** Soonest due first, with a (dueAt, id) cursor. */
export async function listFollowUpTasks(db: Executor, filter: FollowUpFilter): Promise<{ tasks: FollowUpTask[]; next: FollowUpCursor | null }> {
  let query = db.selectFrom('follow_up_tasks').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assigneeId) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.leadId) query = query.where('lead_id', '=', filter.leadId);
  if (filter.overdue === true) query = query.where('status', '=', 'open').where('due_at', '<', filter.now);
  if (filter.overdue === false) query = query.where((eb) => eb.or([eb('status', '<>', 'open'), eb('due_at', '>=', filter.now)]));
  if (filter.after) query = query.where(sql<boolean>`(due_at, id) > (${filter.after.dueAt}, ${filter.after.id})`);
  const rows = await query.orderBy('due_at').orderBy('id').limit(filter.limit + 1).execute();
  const tasks = rows.slice(0, filter.limit).map(toTask);
  const last = tasks.at(-1);
  return { tasks, next: rows.length > filter.limit && last ? { dueAt: last.dueAt, id: last.id } : null };
}

export type { FollowUpKind, FollowUpStatus, LeadPriority } from './tables.ts';

/** A lead's open tasks: how many, and each assignee's id with its count (null: unassigned). */
export interface OpenTasksOfLead {
  count: number;
  assignees: { assigneeId: string | null; count: number }[];
}

/** The open tasks of these leads, counted by assignee, by lead id; leads with none are absent. One query. */
export async function openTaskCounts(db: Executor, leadIds: readonly string[]): Promise<Map<string, OpenTasksOfLead>> {
  if (leadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('follow_up_tasks')
    .select(['lead_id', 'assignee_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('lead_id', 'in', leadIds)
    .where('status', '=', 'open')
    .groupBy(['lead_id', 'assignee_id'])
    .orderBy('lead_id')
    .orderBy('assignee_id')
    .execute();
  const byLead = new Map<string, OpenTasksOfLead>();
  for (const row of rows) {
    const lead = byLead.get(row.lead_id) ?? { count: 0, assignees: [] };
    byLead.set(row.lead_id, lead);
    lead.count += Number(row.count);
    lead.assignees.push({ assigneeId: row.assignee_id, count: Number(row.count) });
  }
  return byLead;
}
