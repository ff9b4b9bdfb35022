import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { openNullable, sealNullable, type Database, type Executor, type PersonalData } from '@leadmatch/db';
import { DomainError, type FieldError } from '@leadmatch/domain';
import { findLead, recordLeadEvent } from '@leadmatch/leads';
import { findStaffRef } from '@leadmatch/staff';
import { addFollowUpHistory, followUpHistory } from '../history-repository.ts';
import { defaultFollowUpTiming, firstReminderAt, remindersFrom } from '../jobs/reminder-schedule.ts';
import { nextOfficer } from '../officer-turn-repository.ts';
import { findFollowUpTask, followUpEventData, insertFollowUpTask, updateFollowUpTask, type FollowUpTask } from '../repository.ts';
import { type FollowUpKind } from '../tables.ts';
import { MAX_HISTORY, type HistoryEntry } from './schemas.ts';

type HistoryData = Static<typeof HistoryEntry>['data'];

// ---------------------------------------------------------------- views

export function taskView(task: FollowUpTask, now: Date, personalData: PersonalData) {
  return {
    id: task.id,
    leadId: task.leadId,
    runId: task.runId,
    kind: task.kind,
    parkId: task.parkId,
    status: task.status,
    priority: task.priority,
    priorityReason: task.priorityReason,
    dueAt: task.dueAt.toISOString(),
    overdue: task.status === 'open' && task.dueAt < now,
    assigneeId: task.assigneeId,
    note: openNullable(personalData, 'follow_up_note', task.staffNoteSealed, task.note),
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export async function taskDetail(db: Executor, task: FollowUpTask, now: Date, personalData: PersonalData) {
  const history = (await followUpHistory(db, task.id)).slice(-MAX_HISTORY);
  return {
    ...taskView(task, now, personalData),
    history: history.map(({ staffNoteSealed, ...entry }) => ({
      ...entry,
      note: openNullable(personalData, 'history_note', staffNoteSealed, entry.note),
      data: entry.data as HistoryData,
      at: entry.at.toISOString(),
    })),
  };
}

function invalid(location: string, pointer: string, message: string): DomainError {
  const status = location === 'body' ? 422 : 400;
  return new DomainError('validation-failed', status, `The ${location} has 1 invalid field(s).`, [{ pointer, location, message } satisfies FieldError]);
}

const notFound = (what: string) => new DomainError('not-found', 404, `No such ${what}.`);

// ---------------------------------------------------------------- tasks

async function lockedTask(trx: Executor, id: string): Promise<FollowUpTask> {
  const task = await findFollowUpTask(trx, id, { forUpdate: true });
  if (!task) throw notFound('follow-up task');
  return task;
}

function requireOpen(task: FollowUpTask, action: string) {
  if (task.status !== 'open') throw new DomainError('conflict', 409, `The task is ${task.status}; only an open task can be ${action}.`);
}

async function checkAssignee(trx: Executor, assigneeId: string) {
  const member = await findStaffRef(trx, assigneeId);
  if (!member || !member.active) throw invalid('body', '/assigneeId', 'must be the id of an active staff member');
}

export async function createManualTask(
  db: Kysely<Database>,
  personalData: PersonalData,
  actor: string,
  leadId: string,
  input: { kind: FollowUpKind; dueAt: string; assigneeId?: string; parkId?: string; note?: string },
): Promise<FollowUpTask> {
  return db.transaction().execute(async (trx) => {
    const lead = await findLead(trx, leadId, { ownerKey: null });
    if (!lead) throw notFound('lead');
    if (lead.erasedAt) throw new DomainError('conflict', 409, "The lead's personal data was erased; it takes no new follow-ups.");
    if (input.parkId !== undefined) {
      const park = await trx.selectFrom('parks').select('id').where('id', '=', input.parkId).executeTakeFirst();
      if (!park) throw invalid('body', '/parkId', 'must be the id of a park in the catalog');
    }
    if (input.assigneeId !== undefined) await checkAssignee(trx, input.assigneeId);
    const assigneeId = input.assigneeId ?? (await nextOfficer(trx)) ?? null;
    const dueAt = new Date(input.dueAt);
    const created = (await insertFollowUpTask(trx, {
      leadId,
      runId: null,
      kind: input.kind,
      parkId: input.parkId ?? null,
      priority: null,
      priorityReason: null,
      dueAt,
      nextReminderAt: firstReminderAt(dueAt, defaultFollowUpTiming),
      assigneeId,
      note: null,
      staffNoteSealed: sealNullable(personalData, 'follow_up_note', input.note ?? null),
    }))!;
    await addFollowUpHistory(trx, created.id, {
      action: 'created',
      actor,
      data: { to: 'open', assigneeId, dueAt: created.dueAt.toISOString() },
      note: assigneeId ? null : 'unassigned: no active officer',
    });
    await recordLeadEvent(trx, leadId, 'followup.created', followUpEventData(created, { manual: true }));
    return created;
  });
}

export async function transitionTask(
  db: Kysely<Database>,
  personalData: PersonalData,
  actor: string,
  id: string,
  to: 'done' | 'cancelled',
  note: string | undefined,
): Promise<FollowUpTask> {
  return db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, id);
    requireOpen(task, to === 'done' ? 'completed' : 'cancelled');
    const updated = await updateFollowUpTask(trx, id, { status: to, nextReminderAt: null });
    await addFollowUpHistory(trx, id, {
      action: to === 'done' ? 'completed' : 'cancelled',
      actor,
      data: { from: 'open', to },
      staffNoteSealed: sealNullable(personalData, 'history_note', note ?? null),
    });
    if (to === 'done') await recordLeadEvent(trx, task.leadId, 'followup.completed', followUpEventData(updated));
    return updated;
  });
}

export async function snoozeTask(
  db: Kysely<Database>,
  personalData: PersonalData,
  actor: string,
  id: string,
  until: string,
  note: string | undefined,
  now: Date,
): Promise<FollowUpTask> {
  const untilDate = new Date(until);
  return db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, id);
    requireOpen(task, 'snoozed');
    if (untilDate <= now) throw invalid('body', '/until', 'must be in the future');
    const updated = await updateFollowUpTask(trx, id, { dueAt: untilDate, ...remindersFrom(untilDate, defaultFollowUpTiming) });
    await addFollowUpHistory(trx, id, {
      action: 'snoozed',
      actor,
      data: { fromDueAt: task.dueAt.toISOString(), dueAt: untilDate.toISOString() },
      staffNoteSealed: sealNullable(personalData, 'history_note', note ?? null),
    });
    return updated;
  });
}

export async function patchTask(
  db: Kysely<Database>,
  actor: string,
  id: string,
  patch: { assigneeId?: string | null; dueAt?: string },
): Promise<FollowUpTask> {
  return db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, id);
    requireOpen(task, 'changed');
    if (typeof patch.assigneeId === 'string') await checkAssignee(trx, patch.assigneeId);
    const dueAt = patch.dueAt === undefined ? undefined : new Date(patch.dueAt);
    const dueChanged = dueAt !== undefined && dueAt.getTime() !== task.dueAt.getTime();
    const updated = await updateFollowUpTask(trx, id, {
      ...(patch.assigneeId !== undefined && { assigneeId: patch.assigneeId }),
      ...(dueChanged && { dueAt, ...remindersFrom(dueAt, defaultFollowUpTiming) }),
    });
    if (patch.assigneeId !== undefined && patch.assigneeId !== task.assigneeId) {
      await addFollowUpHistory(trx, id, { action: 'reassigned', actor, data: { from: task.assigneeId, to: patch.assigneeId } });
    }
    if (dueChanged) {
      await addFollowUpHistory(trx, id, { action: 'rescheduled', actor, data: { fromDueAt: task.dueAt.toISOString(), dueAt: dueAt.toISOString() } });
    }
    return updated;
  });
}

export async function getTask(db: Executor, id: string): Promise<FollowUpTask> {
  const task = await findFollowUpTask(db, id);
  if (!task) throw notFound('follow-up task');
  return task;
}
