import type { JobQueue } from '@leadmatch/jobs';

/** Recurring follow-up jobs. */
export async function registerFollowUpSchedules(_jobs: JobQueue): Promise<void> {}
