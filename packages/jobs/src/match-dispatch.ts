import { markEnqueued, type Database } from '@leadmatch/db';
import type { Kysely } from 'kysely';
import { matchLead } from './job-types.ts';
import type { JobLog } from './log.ts';
import type { JobQueue } from './queue.ts';

/**
 * Hands committed match requests to the queue, named by their request id so a repeat adds nothing.
 * A failure here loses nothing: the request rows stay open and the sweeper enqueues them later.
 */
export async function dispatchMatchRequests(
  queue: JobQueue,
  db: Kysely<Database>,
  requestIds: string[],
  log: JobLog,
): Promise<void> {
  if (requestIds.length === 0) return;
  try {
    await queue.enqueueMany(matchLead, requestIds.map((requestId) => ({ payload: { requestId }, jobId: requestId })));
    await markEnqueued(db, requestIds);
  } catch (err) {
    log.warn({ err, requests: requestIds.length }, 'could not enqueue match requests now; the sweeper will retry');
  }
}
