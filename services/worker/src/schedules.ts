import {
  purgeExpired,
  rematchAfterCatalogChanges,
  rematchOpenLeads,
  sweepMatchRequests,
  type JobQueue,
} from '@leadmatch/jobs';
import { registerFollowUpSchedules } from './followups/schedules.ts';
import { registerRetentionSchedules } from './retention/schedules.ts';
import { registerWebhookSchedules } from './webhooks/schedules.ts';

const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * SECOND_MS;
const DAY_MS = 24 * HOUR_MS;

/** Recurring jobs. Registering is idempotent, so every worker may do it at boot: there is one of each. */
export async function registerSchedules(jobs: JobQueue, rematchCron: string, retentionDays: number): Promise<void> {
  await jobs.schedule('purge-expired-hourly', purgeExpired, { idempotencyMaxAgeMs: DAY_MS, finishedJobMaxAgeMs: 7 * DAY_MS }, { everyMs: HOUR_MS });
  await jobs.schedule('sweep-match-requests', sweepMatchRequests, { olderThanMs: 30 * SECOND_MS }, { everyMs: 30 * SECOND_MS });
  await jobs.schedule('rematch-open-leads', rematchOpenLeads, {}, { pattern: rematchCron });
  await jobs.schedule(
    'rematch-after-catalog-changes',
    rematchAfterCatalogChanges,
    { quietMs: 30 * SECOND_MS, maxDelayMs: 5 * 60 * SECOND_MS },
    { everyMs: 15 * SECOND_MS },
  );
  await registerFollowUpSchedules(jobs);
  await registerWebhookSchedules(jobs);
  await registerRetentionSchedules(jobs, retentionDays);
}
