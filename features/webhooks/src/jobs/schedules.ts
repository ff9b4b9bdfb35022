import { type JobQueue } from '@leadmatch/jobs';
import { relayWebhookEvents } from './job-types.ts';

/** Recurring webhook jobs: the relay, every 2 seconds, two seconds behind the newest events. */
export async function registerWebhookSchedules(jobs: JobQueue): Promise<void> {
  await jobs.schedule('relay-webhook-events', relayWebhookEvents, { settleMs: 2000 }, { everyMs: 2000 });
}
