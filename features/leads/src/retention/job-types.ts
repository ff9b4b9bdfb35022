import { Type } from 'typebox';
import { jobType, type JobType } from '@leadmatch/jobs';

/**
 * Erases the personal data of leads closed longer than `retentionDays` (RETENTION_DAYS), in
 * batches. Idempotent: a lead erased once is not found again, so a repeated or retried run is harmless.
 */
export const eraseClosedLeads = jobType({
  name: 'retention.erase-closed-leads',
  queue: 'maintenance',
  payload: Type.Object(
    {
      retentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
      batchSize: Type.Integer({ minimum: 1, maximum: 10_000 }),
    },
    { additionalProperties: false },
  ),
  attempts: 3,
  backoffMs: 60_000,
});

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

export const retentionJobTypes: readonly JobType[] = [purgeExpired, eraseClosedLeads];
