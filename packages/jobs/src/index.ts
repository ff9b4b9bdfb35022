export { jobType, type JobType } from './job-type.ts';
export { allJobTypes, MATCH_PAGE_SIZE, matchLead, matchRequestPage, purgeExpired, rematchAfterCatalogChanges, rematchOpenLeads, sweepMatchRequests } from './job-types.ts';
export { InvalidJobPayloadError } from './payload.ts';
export { JobHandlers, type JobContext, type JobHandler } from './handlers.ts';
export type { JobLog } from './log.ts';
export { SCHEDULE_TIME_ZONE, type BulkJob, type EnqueueOptions, type JobQueue, type JobWorker, type ScheduleOptions } from './queue.ts';
export { BullMqJobQueue, type BullMqOptions } from './bullmq/queue.ts';
export { FINISHED_JOBS_KEPT } from './bullmq/job-options.ts';
export { BullMqJobWorker, type BullMqWorkerOptions } from './bullmq/worker.ts';
export { PostgresJobQueue } from './postgres/queue.ts';
export { PostgresJobWorker, type PostgresWorkerOptions } from './postgres/worker.ts';
export { openJobQueue, openJobWorker, type JobStoreConfig, type JobWorkerConfig } from './open.ts';
export { assertNoEviction, maxMemoryPolicy, UnsafeRedisSettingsError } from './bullmq/redis-settings.ts';
export { purgeFinishedJobsOlderThan } from './postgres/jobs.ts';
export { dispatchMatchRequestPages, dispatchMatchRequests } from './match-dispatch.ts';
export { deliverWebhook, relayWebhookEvents, webhookJobTypes } from './job-types-webhooks.ts';
export { followUpJobTypes, followUpReminder, followUpReminderJobId, sweepFollowUpReminders } from './job-types-followups.ts';
export {
  cancelFollowUpReminders,
  defaultFollowUpTiming,
  enqueueReminderStep,
  scheduleFollowUpReminders,
  stepOffsetMs,
  type FollowUpTiming,
  type ReminderTarget,
} from './followup-dispatch.ts';
export { openDashboardQueues, type DashboardQueues } from './dashboard-queues.ts';
