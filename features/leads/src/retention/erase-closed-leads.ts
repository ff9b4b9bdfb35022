import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import type { JobLog } from '@leadmatch/jobs';
import { eraseLeadsClosedLongerThan } from '../erasure-repository.ts';

/** Erases batch after batch, each its own transaction, until a batch comes back short. */
export async function eraseClosedLeadsPastRetention(
  db: Kysely<Database>,
  settings: { retentionDays: number; batchSize: number },
  log: JobLog,
): Promise<number> {
  let total = 0;
  for (;;) {
    const erased = await eraseLeadsClosedLongerThan(db, settings.retentionDays, settings.batchSize);
    total += erased.length;
    if (erased.length < settings.batchSize) break;
  }
  log.info({ leads: total, retentionDays: settings.retentionDays }, 'erased the personal data of leads closed past retention');
  return total;
}
