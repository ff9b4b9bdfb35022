import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { CatalogCache } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor, type Database, type DatabaseHandle } from '@leadmatch/db';
import { bossJobId, openJobQueue, storedJobs } from '@leadmatch/jobs';
import { purgeExpired } from '@leadmatch/leads';
import { testDatabase } from '@leadmatch/testing';
import { buildHandlers } from '../src/handlers.ts';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const HOUR = 60 * 60 * 1000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** A table of pg-boss's: in the schema `pgboss` beside `public`, `<schema>_pgboss` beside any other (README, Job store). */
async function bossTable(db: Kysely<Database>, name: 'job') {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return sql.table(`${schema === 'public' ? 'pgboss' : `${schema}_pgboss`}.${name}`);
}

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
  // Jobs of any type will do: runs of the purge itself, as pg-boss keeps them.
  const payload = { idempotencyMaxAgeMs: 24 * HOUR, finishedJobMaxAgeMs: 7 * 24 * HOUR };
  const names = ['old-completed', 'old-failed', 'recent-completed', 'waiting'];
  await openJobQueue({ db, log: silent }).enqueueMany(purgeExpired, names.map((name) => ({ payload, jobId: name })));
  const job = await bossTable(db, 'job');
  const finish = (name: string, state: string, hoursAgo: number) =>
    sql`update ${job} set state = ${state}, completed_on = now() - ${hoursAgo} * interval '1 hour' where id = ${bossJobId(name)}`.execute(db);
  await finish('old-completed', 'completed', 24 * 8);
  await finish('old-failed', 'failed', 24 * 8);
  await finish('recent-completed', 'completed', 1);

  await handlersOn(database).dispatch(
    purgeExpired.name,
    { idempotencyMaxAgeMs: 24 * HOUR, finishedJobMaxAgeMs: 7 * 24 * HOUR },
    { jobId: 'test', attempt: 1, log: silent },
  );

  const keys = await db.selectFrom('idempotency_keys').select('key').execute();
  t.same(keys.map((row) => row.key), ['fresh']);
  const jobs = await storedJobs(db, purgeExpired);
  t.same(jobs.map((job) => job.id).sort(), [bossJobId('recent-completed'), bossJobId('waiting')].sort(), 'recent and unfinished jobs stay');
  t.same(jobs.map((job) => job.state).sort(), ['completed', 'created']);
});

t.test('the worker refuses to start when a job type has no handler', async (t) => {
  const database = await testDatabase(t);
  t.doesNotThrow(() => handlersOn(database), 'every declared job type is handled');
});
