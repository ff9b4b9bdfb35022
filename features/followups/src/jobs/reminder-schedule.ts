import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import type { JobLog, JobQueue } from '@leadmatch/jobs';
import { markRemindersScheduled } from '../reminder-repository.ts';
import { followUpReminder, followUpReminderJobId } from './job-types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When each reminder step runs, relative to a task's due time. Production uses the defaults; tests
 * pass milliseconds (a shortened clock).
 */
export interface FollowUpTiming {
  /** Step 0, `followup.due`: at the due time. */
  remindAfterDueMs: number;
  /** Step 1, `followup.overdue` to the supervisor: one day after due. */
  supervisorAfterDueMs: number;
  /** Step 2, reassignment to another active officer: three days after due. */
  reassignAfterDueMs: number;
}

export const defaultFollowUpTiming: FollowUpTiming = {
  remindAfterDueMs: 0,
  supervisorAfterDueMs: DAY_MS,
  reassignAfterDueMs: 3 * DAY_MS,
};

/** The offset from the due time of each step. */
export function stepOffsetMs(timing: FollowUpTiming, step: number): number {
  return step === 0 ? timing.remindAfterDueMs : step === 1 ? timing.supervisorAfterDueMs : timing.reassignAfterDueMs;
}

export interface ReminderTarget {
  id: string;
  dueAt: Date;
  dueVersion: number;
}

/** The delayed job of one reminder step of a task's current due version; its id makes repeats add nothing. */
function reminderJob(task: ReminderTarget, step: number, timing: FollowUpTiming, now: Date) {
  return {
    payload: { taskId: task.id, version: task.dueVersion, step },
    jobId: followUpReminderJobId(task.id, task.dueVersion, step),
    delayMs: Math.max(0, task.dueAt.getTime() + stepOffsetMs(timing, step) - now.getTime()),
  };
}

/** Enqueues one reminder step of a task's current due version. */
export async function enqueueReminderStep(
  queue: JobQueue,
  task: ReminderTarget,
  step: number,
  timing: FollowUpTiming,
  now: Date = new Date(),
): Promise<void> {
  const { payload, ...opts } = reminderJob(task, step, timing, now);
  await queue.enqueue(followUpReminder, payload, opts);
}

/**
 * Schedules the first reminder of each task after its transaction committed (one bulk enqueue) and
 * records that they reached the queue; the later steps are enqueued by each step's handler. A
 * failure loses nothing: the sweep schedules the reminders of open tasks that were never scheduled.
 */
export async function scheduleFollowUpReminders(
  queue: JobQueue,
  db: Kysely<Database>,
  tasks: ReminderTarget[],
  timing: FollowUpTiming,
  log: JobLog,
): Promise<void> {
  if (tasks.length === 0) return;
  const now = new Date();
  try {
    await queue.enqueueMany(followUpReminder, tasks.map((task) => reminderJob(task, 0, timing, now)));
    await markRemindersScheduled(db, tasks.map((task) => ({ id: task.id, version: task.dueVersion })));
  } catch (err) {
    log.warn({ err, tasks: tasks.length }, 'could not schedule follow-up reminders now; the sweep will retry');
  }
}

/**
 * Removes the pending reminders of one due version of a task (after it was completed, cancelled,
 * snoozed or rescheduled). Only tidiness: the handlers ignore reminders of an old version anyway.
 */
export async function cancelFollowUpReminders(queue: JobQueue, taskId: string, version: number, log: JobLog): Promise<void> {
  for (const step of [0, 1, 2]) {
    try {
      await queue.cancel(followUpReminderJobId(taskId, version, step), followUpReminder);
    } catch (err) {
      log.warn({ err, taskId }, 'could not remove a pending follow-up reminder; it will find the task changed and do nothing');
    }
  }
}
