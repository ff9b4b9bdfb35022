import type { JobQueue } from '@leadmatch/jobs';

/** Recurring webhook jobs. */
export async function registerWebhookSchedules(_jobs: JobQueue): Promise<void> {}
