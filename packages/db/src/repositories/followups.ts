import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { FollowUpKind, FollowUpStatus, LeadPriority, StaffRole } from '../schema-followups.ts';

// ---------------------------------------------------------------- staff

export interface StaffMember {
  id: string;
  /** Personal data: never log it. */
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toStaff(row: {
  id: string;
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisor_id: string | null;
  created_at: Date;
  updated_at: Date;
}): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    supervisorId: row.supervisor_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewStaffMember {
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisorId: string | null;
}

export async function createStaffMember(db: Executor, member: NewStaffMember): Promise<StaffMember> {
  const row = await db
    .insertInto('staff')
    .values({ name: member.name, email: member.email, role: member.role, active: member.active, supervisor_id: member.supervisorId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaff(row);
}

export async function findStaffMember(db: Executor, id: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

/** Staff in a stable order (creation, then id); filters optional. */
export async function listStaffMembers(db: Executor, filter: { active?: boolean | undefined; role?: StaffRole | undefined } = {}): Promise<StaffMember[]> {
  let query = db.selectFrom('staff').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  return (await query.orderBy('created_at').orderBy('id').limit(1000).execute()).map(toStaff);
}

export async function updateStaffMember(db: Executor, id: string, changes: Partial<NewStaffMember>): Promise<StaffMember | undefined> {
  const row = await db
    .updateTable('staff')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.active !== undefined && { active: changes.active }),
      ...(changes.supervisorId !== undefined && { supervisor_id: changes.supervisorId }),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toStaff(row);
}

/**
 * The next active officer in round-robin order (by id, a stable order), skipping `exclude`. The
 * position lives in a locked database row, so it survives restarts and is shared by every worker.
 * Undefined when no (other) active officer exists.
 */
export async function nextOfficer(trx: Executor, exclude: string | null = null): Promise<string | undefined> {
  const state = await trx.selectFrom('follow_up_assignment').select('last_officer_id').forUpdate().executeTakeFirstOrThrow();
  let query = trx.selectFrom('staff').select('id').where('active', '=', true).where('role', '=', 'officer');
  if (exclude) query = query.where('id', '<>', exclude);
  const officers = (await query.orderBy('id').execute()).map((row) => row.id);
  if (officers.length === 0) return undefined;
  const last = state.last_officer_id;
  const next = (last && officers.find((id) => id > last)) || officers[0]!;
  await trx.updateTable('follow_up_assignment').set({ last_officer_id: next }).execute();
  return next;
}

/** True when the staff member exists, is active and is an officer. */
export async function isActiveOfficer(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('id').where('id', '=', id).where('active', '=', true).where('role', '=', 'officer').executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- tasks

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
  note: string | null;
  dueVersion: number;
  reminderScheduledVersion: number | null;
  escalationStep: number;
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
  due_version: number;
  reminder_scheduled_version: number | null;
  escalation_step: number;
  created_at: Date;
  updated_at: Date;
}

function toTask(row: TaskRow): FollowUpTask {
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
    dueVersion: row.due_version,
    reminderScheduledVersion: row.reminder_scheduled_version,
    escalationStep: row.escalation_step,
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
  assigneeId: string | null;
  note: string | null;
}

/** Inserts a task; undefined when this run already created the same task (lead, run, kind, park). */
export async function insertFollowUpTask(db: Executor, task: NewFollowUpTask): Promise<FollowUpTask | undefined> {
  const row = await db
    .insertInto('follow_up_tasks')
    .values({
      lead_id: task.leadId,
      run_id: task.runId,
      kind: task.kind,
      park_id: task.parkId,
      priority: task.priority,
      priority_reason: task.priorityReason,
      due_at: task.dueAt,
      assignee_id: task.assigneeId,
      note: task.note,
    })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toTask(row);
}

export async function findFollowUpTask(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<FollowUpTask | undefined> {
  let query = db.selectFrom('follow_up_tasks').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toTask(row);
}

/** A lead's open tasks, locked for the caller's transaction. */
export async function openFollowUpTasksOfLead(trx: Executor, leadId: string): Promise<FollowUpTask[]> {
  const rows = await trx
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('lead_id', '=', leadId)
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
  /** Bumps due_version and resets the reminder state: pending reminders of the old version become no-ops. */
  bumpVersion?: boolean;
  escalationStep?: number;
}

export async function updateFollowUpTask(db: Executor, id: string, changes: FollowUpTaskChanges): Promise<FollowUpTask> {
  const row = await db
    .updateTable('follow_up_tasks')
    .set((eb) => ({
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.dueAt !== undefined && { due_at: changes.dueAt }),
      ...(changes.assigneeId !== undefined && { assignee_id: changes.assigneeId }),
      ...(changes.priority !== undefined && { priority: changes.priority }),
      ...(changes.priorityReason !== undefined && { priority_reason: changes.priorityReason }),
      ...(changes.escalationStep !== undefined && { escalation_step: changes.escalationStep }),
      ...(changes.bumpVersion && { due_version: eb('due_version', '+', 1), escalation_step: -1 }),
      updated_at: sql`now()`,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTask(row);
}

export interface FollowUpHistoryEntry {
  at: Date;
  action: string;
  actor: string;
  data: Record<string, unknown>;
  note: string | null;
}

export async function addFollowUpHistory(
  db: Executor,
  taskId: string,
  entry: { action: string; actor: string; data?: Record<string, unknown>; note?: string | null },
): Promise<void> {
  await db
    .insertInto('follow_up_history')
    .values({ task_id: taskId, action: entry.action, actor: entry.actor, data: JSON.stringify(entry.data ?? {}), note: entry.note ?? null })
    .execute();
}

export async function followUpHistory(db: Executor, taskId: string): Promise<FollowUpHistoryEntry[]> {
  const rows = await db.selectFrom('follow_up_history').selectAll().where('task_id', '=', taskId).orderBy('seq').execute();
  return rows.map((row) => ({ at: row.at, action: row.action, actor: row.actor, data: row.data as Record<string, unknown>, note: row.note }));
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

/** Open tasks whose current due version has not reached the queue yet (the enqueue after commit failed or never ran). */
export async function followUpsAwaitingReminders(db: Executor, limit: number): Promise<FollowUpTask[]> {
  const rows = await db
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('reminder_scheduled_version', 'is', null), eb('reminder_scheduled_version', '<>', eb.ref('due_version'))]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(toTask);
}

export async function markReminderScheduled(db: Executor, taskId: string, version: number): Promise<void> {
  await db
    .updateTable('follow_up_tasks')
    .set({ reminder_scheduled_version: version })
    .where('id', '=', taskId)
    .where('due_version', '=', version)
    .execute();
}

export type { FollowUpKind, FollowUpStatus, LeadPriority, StaffRole } from '../schema-followups.ts';
