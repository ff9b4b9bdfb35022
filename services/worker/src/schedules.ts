import { registerFollowUpSchedules } from '@leadmatch/followups';
import type { JobQueue } from '@leadmatch/jobs';
import { registerMatchRequestSchedules, registerRetentionSchedules } from '@leadmatch/leads';
import { registerMatchingSchedules } from '@leadmatch/matching';
import { registerWebhookSchedules } from '@leadmatch/webhooks';

/** Every feature's recurring jobs. Registering is idempotent, so every worker may do it at boot: there is one of each. */
export async function registerSchedules(jobs: JobQueue, rematchCron: string, retentionDays: number): Promise<void> {
  await registerMatchRequestSchedules(jobs);
  await registerMatchingSchedules(jobs, rematchCron);
  await registerFollowUpSchedules(jobs);
  await registerWebhookSchedules(jobs);
  await registerRetentionSchedules(jobs, retentionDays);
}
