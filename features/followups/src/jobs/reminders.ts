import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import { type JobLog, type JobQueue } from '@leadmatch/jobs';
import { recordLeadEvent } from '@leadmatch/leads';
import { findStaffRef } from '@leadmatch/staff';
import { addFollowUpHistory } from '../history-repository.ts';
import { nextOfficer } from '../officer-turn-repository.ts';
import { followUpsAwaitingReminders } from '../reminder-repository.ts';
import { findFollowUpTask, followUpEventData, updateFollowUpTask } from '../repository.ts';
import { enqueueReminderStep, scheduleFollowUpReminders, type FollowUpTiming, type ReminderTarget } from './reminder-dispatch.ts';

export const REMINDER_ACTOR = 'reminders';

export type ReminderOutcome = 'stale' | 'already-done' | 'reminded' | 'escalated' | 'reassigned' | 'not-reassigned';

/**
 * One reminder step of a task, in one transaction on the locked task; a task no longer open, or of
 * another due version, makes it a no-op. Step 0 records `followup.due`; step 1 `followup.overdue`
 * naming the assignee's supervisor; step 2 reassigns the task to the next other active officer and
 * records `followup.overdue` again. After the commit the next step is enqueued.
 */
export async function runReminderStep(
  deps: { db: Kysely<Database>; queue: JobQueue; timing: FollowUpTiming },
  payload: { taskId: string; version: number; step: number },
): Promise<ReminderOutcome> {
  const { db, queue, timing } = deps;
  const { taskId, version, step } = payload;
  let next: ReminderTarget | undefined;
  const outcome = await db.transaction().execute(async (trx): Promise<ReminderOutcome> => {
    const task = await findFollowUpTask(trx, taskId, { forUpdate: true });
    if (!task || task.status !== 'open' || task.dueVersion !== version) return 'stale';
    next = step < 2 ? { id: task.id, dueAt: task.dueAt, dueVersion: task.dueVersion } : undefined;
    if (task.escalationStep >= step) return 'already-done';
    let result: ReminderOutcome;
    if (step === 0) {
      await recordLeadEvent(trx, task.leadId, 'followup.due', followUpEventData(task, { step: 0 }));
      await addFollowUpHistory(trx, task.id, { action: 'reminded', actor: REMINDER_ACTOR, data: { step: 0 }, note: 'due now' });
      result = 'reminded';
    } else if (step === 1) {
      const assignee = task.assigneeId ? await findStaffRef(trx, task.assigneeId) : undefined;
      const supervisorId = assignee?.supervisorId ?? null;
      await recordLeadEvent(trx, task.leadId, 'followup.overdue', followUpEventData(task, { step: 1, escalation: 'supervisor', supervisorId }));
      await addFollowUpHistory(trx, task.id, {
        action: 'escalated',
        actor: REMINDER_ACTOR,
        data: { step: 1, supervisorId },
        note: supervisorId ? 'overdue: supervisor notified' : 'overdue: the assignee has no supervisor to notify',
      });
      result = 'escalated';
    } else {
      const to = (await nextOfficer(trx, task.assigneeId)) ?? null;
      if (to) {
        await updateFollowUpTask(trx, task.id, { assigneeId: to });
        await addFollowUpHistory(trx, task.id, {
          action: 'reassigned',
          actor: REMINDER_ACTOR,
          data: { step: 2, from: task.assigneeId, to },
          note: 'overdue: reassigned to another officer',
        });
      } else {
        await addFollowUpHistory(trx, task.id, { action: 'escalated', actor: REMINDER_ACTOR, data: { step: 2 }, note: 'overdue: no other active officer to reassign to' });
      }
      await recordLeadEvent(
        trx,
        task.leadId,
        'followup.overdue',
        followUpEventData({ ...task, assigneeId: to ?? task.assigneeId }, { step: 2, escalation: 'reassigned', fromAssigneeId: task.assigneeId, reassigned: to !== null }),
      );
      result = to ? 'reassigned' : 'not-reassigned';
    }
    await updateFollowUpTask(trx, task.id, { escalationStep: step });
    return result;
  });
  if (next) await enqueueReminderStep(queue, next, step + 1, timing);
  return outcome;
}

/** How long the writer of a task has to schedule its reminders before the sweep does it instead. */
const SCHEDULING_GRACE_MS = 30_000;

/** Schedules the reminders of open tasks whose current due version never reached the queue. */
export async function sweepReminders(deps: { db: Kysely<Database>; queue: JobQueue; timing: FollowUpTiming; log: JobLog }): Promise<number> {
  const tasks = await followUpsAwaitingReminders(deps.db, 500, SCHEDULING_GRACE_MS);
  if (tasks.length) deps.log.warn({ tasks: tasks.length }, 'scheduling follow-up reminders that never reached the queue');
  await scheduleFollowUpReminders(
    deps.queue,
    deps.db,
    tasks.map((task) => ({ id: task.id, dueAt: task.dueAt, dueVersion: task.dueVersion })),
    deps.timing,
    deps.log,
  );
  return tasks.length;
}
