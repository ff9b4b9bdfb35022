import { purgeIdempotencyKeysOlderThan, type Database } from '@leadmatch/db';
import { JobHandlers, allJobTypes, purgeExpired, purgeFinishedJobsOlderThan } from '@leadmatch/jobs';
import type { Kysely } from 'kysely';

export interface HandlerDependencies {
  db: Kysely<Database>;
}

/** Every job type's handler. The worker refuses to start when one is missing. */
export function buildHandlers({ db }: HandlerDependencies): JobHandlers {
  const handlers = new JobHandlers().on(purgeExpired, async (payload, ctx) => {
    const idempotencyKeys = await purgeIdempotencyKeysOlderThan(db, payload.idempotencyMaxAgeMs);
    const finishedJobs = await purgeFinishedJobsOlderThan(db, payload.finishedJobMaxAgeMs);
    ctx.log.info({ idempotencyKeys, finishedJobs }, 'purged expired records');
  });
  handlers.assertComplete(allJobTypes);
  return handlers;
}
