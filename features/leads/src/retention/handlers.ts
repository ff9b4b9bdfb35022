import type { Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { purgeFinishedJobsOlderThan, type JobHandlers } from '@leadmatch/jobs';
import { purgeIdempotencyKeysOlderThan } from '../idempotency.ts';
import { eraseClosedLeadsPastRetention } from './erase-closed-leads.ts';
import { eraseClosedLeads, purgeExpired } from './job-types.ts';

export interface RetentionJobDependencies {
  db: Kysely<Database>;
}

/** Binds the retention job types: expired idempotency keys and finished jobs, and closed leads past retention. */
export function registerRetentionHandlers(handlers: JobHandlers, { db }: RetentionJobDependencies): JobHandlers {
  return handlers
    .on(purgeExpired, async (payload, ctx) => {
      const idempotencyKeys = await purgeIdempotencyKeysOlderThan(db, payload.idempotencyMaxAgeMs);
      const finishedJobs = await purgeFinishedJobsOlderThan(db, payload.finishedJobMaxAgeMs);
      ctx.log.info({ idempotencyKeys, finishedJobs }, 'purged expired records');
    })
    .on(eraseClosedLeads, async (payload, ctx) => {
      await eraseClosedLeadsPastRetention(db, payload, ctx.log);
    });
}
