import type { JobQueue } from '@leadmatch/jobs';
import { sweepMatchRequests } from './job-types.ts';

const SWEEP_EVERY_MS = 30_000;

/** The outbox sweep: match requests committed but never handed to (or lost by) the queue. */
export async function registerMatchRequestSchedules(jobs: JobQueue): Promise<void> {
  await jobs.schedule('sweep-match-requests', sweepMatchRequests, { olderThanMs: SWEEP_EVERY_MS }, { everyMs: SWEEP_EVERY_MS });
}
