import { purgeExpired, type JobQueue } from '@leadmatch/jobs';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Recurring jobs. Registering is idempotent, so every worker may do it at boot. */
export async function registerSchedules(jobs: JobQueue): Promise<void> {
  await jobs.schedule(
    'purge-expired-hourly',
    purgeExpired,
    { idempotencyMaxAgeMs: DAY_MS, finishedJobMaxAgeMs: 7 * DAY_MS },
    { everyMs: HOUR_MS },
  );
}
