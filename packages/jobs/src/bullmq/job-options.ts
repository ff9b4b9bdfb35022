import type { JobsOptions } from 'bullmq';
import type { JobType } from '../job-type.ts';

const hour = 60 * 60;

/** Retries from the job type; finished jobs are kept a while for inspection, then dropped. */
export function jobOptions(type: JobType): JobsOptions {
  return {
    attempts: type.attempts,
    backoff: { type: 'exponential', delay: type.backoffMs },
    removeOnComplete: { age: 24 * hour, count: 1000 },
    removeOnFail: { age: 7 * 24 * hour, count: 5000 },
  };
}
