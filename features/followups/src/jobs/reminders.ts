import type { Kysely } from 'kysely';
import type { Database, Executor } from '@leadmatch/db';
import { recordLeadEvent } from '@leadmatch/leads';
import { findStaffRef } from '@leadmatch/staff';
import { addFollowUpHistory } from '../history-repository.ts';
import { nextOfficer } from '../officer-turn-repository.ts';
import { lockDueReminders } from '../reminder-repository.ts';
import { followUpEventData, updateFollowUpTask, type FollowUpTask } from '../repository.ts';
import { reminderAt, type FollowUpTiming } from './reminder-schedule.ts';

export const REMINDER_ACTOR = 'reminders';

const PAGE_SIZE = 100;

/**
 * Sends every reminder step due at `now`, a page of locked tasks per transaction, and moves each
 * task's next reminder on (or clears it after the last step). A task further behind than one step
 * comes back on a later page. Returns how many steps were sent.
 */
export async function sendDueReminders(db: Kysely<Database>, timing: FollowUpTiming, now: Date): Promise<number> {
  let sent = 0;
  for (;;) {
    const page = await db.transaction().execute(async (trx) => {
      const tasks = await lockDueReminders(trx, now, PAGE_SIZE);
      for (const task of tasks) await sendNextStep(trx, task, timing);
      return tasks.length;
    });
    if (page === 0) return sent;
    sent += page;
  }
}

/** The step after the last one done, on a task the caller has locked. */
async function sendNextStep(trx: Executor, task: FollowUpTask, timing: FollowUpTiming): Promise<void> {
  const step = task.escalationStep + 1;
  if (step === 0) await remindDue(trx, task);
  else if (step === 1) await notifySupervisor(trx, task);
  else await reassignOverdue(trx, task);
  await updateFollowUpTask(trx, task.id, { escalationStep: step, nextReminderAt: reminderAt(task.dueAt, step + 1, timing) });
}

/** Step 0: `followup.due`. */
async function remindDue(trx: Executor, task: FollowUpTask): Promise<void> {
  await recordLeadEvent(trx, task.leadId, 'followup.due', followUpEventData(task, { step: 0 }));
  await addFollowUpHistory(trx, task.id, { action: 'reminded', actor: REMINDER_ACTOR, data: { step: 0 }, note: 'due now' });
}

/** Step 1: `followup.overdue` naming the assignee's supervisor. */
async function notifySupervisor(trx: Executor, task: FollowUpTask): Promise<void> {
  const assignee = task.assigneeId ? await findStaffRef(trx, task.assigneeId) : undefined;
  const supervisorId = assignee?.supervisorId ?? null;
  await recordLeadEvent(trx, task.leadId, 'followup.overdue', followUpEventData(task, { step: 1, escalation: 'supervisor', supervisorId }));
  await addFollowUpHistory(trx, task.id, {
    action: 'escalated',
    actor: REMINDER_ACTOR,
    data: { step: 1, supervisorId },
    note: supervisorId ? 'overdue: supervisor notified' : 'overdue: the assignee has no supervisor to notify',
  });
}

/** Step 2: reassigned to the next other active officer, and `followup.overdue` again. */
async function reassignOverdue(trx: Executor, task: FollowUpTask): Promise<void> {
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
}
