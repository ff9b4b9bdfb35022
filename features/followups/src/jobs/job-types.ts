import { Type } from 'typebox';
import { closed } from '@leadmatch/domain';
import { jobType, type JobType } from '@leadmatch/jobs';

/**
 * One reminder step of a follow-up task: 0 at its due time (`followup.due`), 1 a day later (the
 * supervisor is notified, `followup.overdue`), 2 three days after due (reassigned to another
 * officer). `version` is the task's due version when scheduled: a task completed, cancelled,
 * snoozed or rescheduled since has another, and the job does nothing. Ids only, no personal data.
 */
export const followUpReminder = jobType({
  name: 'followups.reminder',
  queue: 'followups',
  payload: Type.Object(
    {
      taskId: Type.String({ format: 'uuid' }),
      version: Type.Integer({ minimum: 1 }),
      step: Type.Integer({ minimum: 0, maximum: 2 }),
    },
    closed,
  ),
  attempts: 5,
  backoffMs: 2000,
});

/** Schedules the reminders of open tasks whose reminder never reached the queue (enqueue failed after commit). */
export const sweepFollowUpReminders = jobType({
  name: 'followups.sweep-reminders',
  queue: 'followups',
  payload: Type.Object({}, closed),
  attempts: 1,
});

/** The job id of one reminder step of one due version of a task; BullMQ forbids `:` in ids. */
export function followUpReminderJobId(taskId: string, version: number, step: number): string {
  return `followup-${taskId}-v${version}-s${step}`;
}

/** Follow-up reminders and escalation. */
export const followUpJobTypes: readonly JobType[] = [followUpReminder, sweepFollowUpReminders];
