import type { JobQueue } from '@leadmatch/jobs';
import { eraseClosedLeads, purgeExpired } from './job-types.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Daily at 04:00 China time, after the nightly re-match. */
const DAILY_AT_FOUR = '0 4 * * *';
const BATCH_SIZE = 500;

export async function registerRetentionSchedules(jobs: JobQueue, retentionDays: number): Promise<void> {
  await jobs.schedule('purge-expired-hourly', purgeExpired, { idempotencyMaxAgeMs: DAY_MS, finishedJobMaxAgeMs: 7 * DAY_MS }, { everyMs: HOUR_MS });
  await jobs.schedule('erase-closed-leads-daily', eraseClosedLeads, { retentionDays, batchSize: BATCH_SIZE }, { pattern: DAILY_AT_FOUR });
}
