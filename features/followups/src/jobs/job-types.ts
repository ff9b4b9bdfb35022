import { Type } from 'typebox';
import { closed } from '@leadmatch/domain';
import { jobType, type JobType } from '@leadmatch/jobs';

/**
 * Sends the reminder steps that are due, from the tasks' `next_reminder_at`: 0 at the due time
 * (`followup.due`), 1 a day later (the supervisor is notified, `followup.overdue`), 2 three days
 * after due (reassigned to another officer). Scheduled every minute.
 */
export const sweepFollowUpReminders = jobType({
  name: 'followups.sweep-reminders',
  queue: 'followups',
  payload: Type.Object({}, closed),
  attempts: 1,
});

/**
 * Retired: one delayed job per reminder step, before the sweep. Jobs of it queued before the upgrade
 * (migration 2026-12-06T0300) may still come due; they do nothing, as the sweep sends their step.
 */
export const retiredFollowUpReminder = jobType({
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
  attempts: 1,
});

/** Follow-up reminders and escalation. */
export const followUpJobTypes: readonly JobType[] = [sweepFollowUpReminders, retiredFollowUpReminder];
