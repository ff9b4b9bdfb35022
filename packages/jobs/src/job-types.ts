import { Type } from 'typebox';
import { jobType, type JobType } from './job-type.ts';

/** Deletes idempotency keys and finished jobs older than the given ages. */
export const purgeExpired = jobType({
  name: 'maintenance.purge-expired',
  queue: 'maintenance',
  payload: Type.Object(
    {
      idempotencyMaxAgeMs: Type.Integer({ minimum: 60_000 }),
      finishedJobMaxAgeMs: Type.Integer({ minimum: 60_000 }),
    },
    { additionalProperties: false },
  ),
});

export const allJobTypes: readonly JobType[] = [purgeExpired];
