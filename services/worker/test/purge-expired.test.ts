import { CatalogCache } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor, type DatabaseHandle } from '@leadmatch/db';
import { openJobQueue } from '@leadmatch/jobs';
import { purgeExpired } from '@leadmatch/leads';
import { testDatabase } from '@leadmatch/testing';
import { sql } from 'kysely';
import t from 'tap';
import { buildHandlers } from '../src/handlers.ts';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const HOUR = 60 * 60 * 1000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

function handlersOn({ db }: DatabaseHandle) {
  return buildHandlers({ personalData, db, catalogs: new CatalogCache(db), queue: openJobQueue({ db, log: silent }), now: () => new Date() });
}

t.test('the purge job drops expired idempotency keys and long-finished jobs, and nothing else', async (t) => {
  const database = await testDatabase(t);
  const { db } = database;
  await db
    .insertInto('idempotency_keys')
    .values([
      { owner_key: 'k', key: 'old', request_hash: 'h', created_at: sql`now() - interval '25 hours'` as never },
      { owner_key: 'k', key: 'fresh', request_hash: 'h', created_at: sql`now() - interval '1 hour'` as never },
    ])
    .execute();
  const job = (status: string, finishedHoursAgo: number | null) => ({
    queue: 'q',
    name: 'n',
    payload: '{}',
    status,
    max_attempts: 1,
    finished_at: finishedHoursAgo === null ? null : (sql`now() - ${finishedHoursAgo} * interval '1 hour'` as never),
  });
  await db
    .insertInto('jobs')
    .values([job('completed', 24 * 8), job('failed', 24 * 8), job('completed', 1), job('waiting', null)])
    .execute();

  await handlersOn(database).dispatch(
    purgeExpired.name,
    { idempotencyMaxAgeMs: 24 * HOUR, finishedJobMaxAgeMs: 7 * 24 * HOUR },
    { jobId: 'test', attempt: 1, log: silent },
  );

  const keys = await db.selectFrom('idempotency_keys').select('key').execute();
  t.same(keys.map((row) => row.key), ['fresh']);
  const jobs = await db.selectFrom('jobs').select('status').orderBy('status').execute();
  t.same(jobs.map((row) => row.status), ['completed', 'waiting'], 'recent and unfinished jobs stay');
});

t.test('the worker refuses to start when a job type has no handler', async (t) => {
  const database = await testDatabase(t);
  t.doesNotThrow(() => handlersOn(database), 'every declared job type is handled');
});
