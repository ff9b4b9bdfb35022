import { type JobQueue } from '@leadmatch/jobs';
import { sweepFollowUpReminders } from './job-types.ts';

const SWEEP_EVERY_MS = 60_000;

/**
 * Recurring follow-up jobs: every minute, the reminders that are due are sent. A worker that starts
 * sends those that came due while none ran at once, rather than at the next minute.
 */
export async function registerFollowUpSchedules(jobs: JobQueue): Promise<void> {
  await jobs.schedule('sweep-follow-up-reminders', sweepFollowUpReminders, {}, { everyMs: SWEEP_EVERY_MS });
  await jobs.enqueue(sweepFollowUpReminders, {});
}
