import type { JobsOptions } from 'bullmq';
import type { JobType } from '../job-type.ts';

const hour = 60 * 60;

/**
 * How many finished jobs each queue keeps for inspection, and for how long (seconds): the newest
 * ones, within the age. Older ones are deleted, so Redis memory stays flat however many jobs run.
 */
export const FINISHED_JOBS_KEPT = {
  completed: { age: 24 * hour, count: 1000 },
  failed: { age: 7 * 24 * hour, count: 5000 },
} as const;

/** Retries from the job type; finished jobs are kept a while for inspection, then dropped. */
export function jobOptions(type: JobType): JobsOptions {
  return {
    attempts: type.attempts,
    backoff: { type: 'exponential', delay: type.backoffMs },
    removeOnComplete: { ...FINISHED_JOBS_KEPT.completed },
    removeOnFail: { ...FINISHED_JOBS_KEPT.failed },
  };
}
