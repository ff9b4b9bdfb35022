import { sql, type Kysely } from 'kysely';
import type { Test } from 'tap';
import { Type } from 'typebox';
import type { Database } from '@leadmatch/db';
import { eventually } from '@leadmatch/testing';
import { JobHandlers, jobType, PostgresJobWorker, type JobHandler, type PostgresWorkerOptions } from '../../src/index.ts';
import { bossQueue } from '../../src/pgboss/jobs.ts';
import { memoryLog } from './helpers.ts';
import { bossJobs, bossTable, rawBoss, type BossJobRow } from './pgboss.ts';

/** The job type the pg-boss engine's tests enqueue, and workers for it that stop at the test's end. */

export const work = jobType({
  name: 'test.work',
  queue: 'test',
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  attempts: 3,
  backoffMs: 1000,
});
export type WorkHandler = JobHandler<typeof work.payload>;

export function startWorker(t: Test, db: Kysely<Database>, handler: WorkHandler, options: Partial<PostgresWorkerOptions> = {}) {
  const worker = new PostgresJobWorker(db, new JobHandlers().on(work, handler), { log: memoryLog(), pollIntervalMs: 20, ...options });
  t.teardown(() => worker.close());
  return worker;
}

/** The test's one job, if it has exactly one. */
export async function jobRow(db: Kysely<Database>) {
  const rows = await bossJobs(db, work);
  return rows.length === 1 ? rows[0] : undefined;
}

/** The test's one job, once it has reached `state`. */
export function finished(db: Kysely<Database>, state: BossJobRow['state']) {
  return eventually(async () => {
    const job = await jobRow(db);
    return job?.state === state ? job : undefined;
  }, 20_000);
}

/** Takes the test's one job as a worker would that then dies, its start an hour ago (past pg-boss's 15-minute expiry). */
export async function claimAndDie(db: Kysely<Database>, retryCount: number) {
  await (await rawBoss(db)).fetch(bossQueue(work));
  await sql`update ${await bossTable(db, 'job')} set started_on = now() - interval '1 hour', retry_count = ${retryCount}`.execute(db);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
