import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import type { JobLog, JobQueue } from '@leadmatch/jobs';
import { MATCH_PAGE_SIZE, matchLeadJob, matchRequestPage } from './job-types.ts';
import { markEnqueued } from './repository.ts';

/**
 * Hands committed match requests to the queue, named by their request id so a repeat adds nothing.
 * A failure here loses nothing: the request rows stay open and the sweeper enqueues them later.
 */
export async function dispatchMatchRequests(queue: JobQueue, db: Kysely<Database>, requestIds: string[], log: JobLog): Promise<void> {
  await handOver(db, requestIds, log, () =>
    queue.enqueueMany(matchLeadJob, requestIds.map((requestId) => ({ payload: { requestId }, jobId: requestId }))),
  );
}

/**
 * Hands many committed match requests (a re-match) to the queue in pages of up to `MATCH_PAGE_SIZE`,
 * each page matched in one transaction; named by their first request, so a repeat adds nothing.
 */
export async function dispatchMatchRequestPages(queue: JobQueue, db: Kysely<Database>, requestIds: string[], log: JobLog): Promise<void> {
  const pages: string[][] = [];
  for (let start = 0; start < requestIds.length; start += MATCH_PAGE_SIZE) pages.push(requestIds.slice(start, start + MATCH_PAGE_SIZE));
  await handOver(db, requestIds, log, () =>
    queue.enqueueMany(matchRequestPage, pages.map((page) => ({ payload: { requestIds: page }, jobId: `page-${page[0]}` }))),
  );
}

async function handOver(db: Kysely<Database>, requestIds: string[], log: JobLog, enqueue: () => Promise<void>): Promise<void> {
  if (requestIds.length === 0) return;
  try {
    await enqueue();
    await markEnqueued(db, requestIds);
  } catch (err) {
    log.warn({ err, requests: requestIds.length }, 'could not enqueue match requests now; the sweeper will retry');
  }
}
