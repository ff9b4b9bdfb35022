import { type JobQueue } from '@leadmatch/jobs';
import { sweepFollowUpReminders } from './job-types.ts';

const SWEEP_EVERY_MS = 60_000;

/** Recurring follow-up jobs: every minute, reminders that never reached the queue are scheduled. */
export async function registerFollowUpSchedules(jobs: JobQueue): Promise<void> {
  await jobs.schedule('sweep-follow-up-reminders', sweepFollowUpReminders, {}, { everyMs: SWEEP_EVERY_MS });
}
