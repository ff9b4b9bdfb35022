import type { JobQueue } from '@leadmatch/jobs';
import { rematchAfterCatalogChanges, rematchOpenLeads } from './job-types.ts';

const SECOND_MS = 1000;

/** The nightly re-match at `rematchCron`, and the re-match after catalog changes once they have settled. */
export async function registerMatchingSchedules(jobs: JobQueue, rematchCron: string): Promise<void> {
  await jobs.schedule('rematch-open-leads', rematchOpenLeads, {}, { pattern: rematchCron });
  await jobs.schedule(
    'rematch-after-catalog-changes',
    rematchAfterCatalogChanges,
    { quietMs: 30 * SECOND_MS, maxDelayMs: 5 * 60 * SECOND_MS },
    { everyMs: 15 * SECOND_MS },
  );
}
