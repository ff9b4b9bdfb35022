import type { Kysely } from 'kysely';
import type { CatalogCache } from '@leadmatch/catalog';
import type { Database, PersonalData } from '@leadmatch/db';
import { followUpJobTypes, followUpRunListener, registerFollowUpHandlers, type FollowUpConfig } from '@leadmatch/followups';
import { JobHandlers, SERVICE_QUEUES, type JobQueue, type JobType } from '@leadmatch/jobs';
import { matchRequestJobTypes, registerRetentionHandlers, retentionJobTypes } from '@leadmatch/leads';
import { matchingJobTypes, registerMatchingHandlers } from '@leadmatch/matching';
import type { Metrics } from '@leadmatch/metrics';
import { registerWebhookHandlers, webhookJobTypes, type WebhookOptions } from '@leadmatch/webhooks';

export interface HandlerDependencies {
  db: Kysely<Database>;
  catalogs: CatalogCache;
  queue: JobQueue;
  /** Opens what is sealed at rest: webhook secrets, notes. */
  personalData: PersonalData;
  /** The clock, passed to the matcher for policy validity. */
  now: () => Date;
  /** Webhook delivery overrides (tests); production defaults when absent. */
  webhooks?: WebhookOptions;
  /** Follow-up reminder timing and due-time overrides (tests use a shortened clock); production defaults when absent. */
  followUps?: FollowUpConfig | undefined;
  /** Where match durations and webhook attempts are recorded; nothing is when absent. */
  metrics?: Metrics | undefined;
}

/** Every job type a worker runs, from every feature. */
export const workerJobTypes: readonly JobType[] = [...matchRequestJobTypes, ...matchingJobTypes, ...followUpJobTypes, ...webhookJobTypes, ...retentionJobTypes];

/** Every job type's handler. The worker refuses to start when one is missing or names a queue no worker reads. */
export function buildHandlers(deps: HandlerDependencies): JobHandlers {
  const { metrics } = deps;
  const handlers = new JobHandlers();
  registerMatchingHandlers(handlers, {
    ...deps,
    runListener: followUpRunListener({ config: deps.followUps }),
    matchDuration: metrics?.matchDuration,
  });
  registerFollowUpHandlers(handlers, deps);
  registerWebhookHandlers(handlers, { ...deps, deliveryAttempts: metrics?.webhookDeliveryAttempts });
  registerRetentionHandlers(handlers, deps);
  handlers.assertComplete(workerJobTypes);
  assertKnownQueues(workerJobTypes);
  return handlers;
}

function assertKnownQueues(types: readonly JobType[]): void {
  const unknown = types.filter((type) => !(SERVICE_QUEUES as readonly string[]).includes(type.queue));
  if (unknown.length) throw new Error(`job types on queues no worker reads: ${unknown.map((type) => `${type.name} (${type.queue})`).join(', ')}`);
}
