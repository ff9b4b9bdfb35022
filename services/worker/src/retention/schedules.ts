import type { JobQueue } from '@leadmatch/jobs';
import { eraseClosedLeads } from './job-types.ts';

/** Daily at 04:00 China time, after the nightly re-match. */
const DAILY_AT_FOUR = '0 4 * * *';
const BATCH_SIZE = 500;

export async function registerRetentionSchedules(jobs: JobQueue, retentionDays: number): Promise<void> {
  await jobs.schedule('erase-closed-leads-daily', eraseClosedLeads, { retentionDays, batchSize: BATCH_SIZE }, { pattern: DAILY_AT_FOUR });
}
