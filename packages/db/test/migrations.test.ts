import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import pg from 'pg';
import t, { type Test } from 'tap';
import { databaseUrl, serviceUrl, uniqueName } from '@leadmatch/testing';
import { openDatabase } from '../src/connect.ts';
import { migrateToLatest, migrator } from '../src/migrate.ts';

const expectedTables = [
  'carriers',
  'catalog_changes',
  'catalog_revisions',
  'catalog_sources',
  'catalog_state',
  'cluster_facts',
  'follow_up_assignment',
  'follow_up_history',
  'follow_up_tasks',
  'idempotency_keys',
  'industries',
  'lead_events',
  'leads',
  'match_requests',
  'match_runs',
  'matching_state',
  'parks',
  'platforms',
  'policies',
  'staff',
  'webhook_deliveries',
  'webhook_relay_state',
  'webhook_subscriptions',
];

/**
 * pg-boss's tables (the job store without Redis), which the migrations install beside the app's: in
 * the schema `pgboss` beside `public`, `<schema>_pgboss` beside any other. pg-boss adds a partition of
 * `job` for each queue it creates later; the migrations create none.
 */
const expectedBossTables = ['archive', 'job', 'queue', 'schedule', 'subscription', 'version'];

async function tablesIn(handle: Awaited<ReturnType<typeof openDatabase>>, schema = 'public') {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${schema} and table_name not like 'kysely_%' order by table_name`.execute(handle.db);
  return rows.map((row) => row.table_name);
}

/** A new, unmigrated database on the server, dropped at teardown; answers its URL. */
async function emptyDatabase(t: Test, serverUrl: string, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  t.teardown(async () => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });
  return databaseUrl(serverUrl, name);
}

t.test('migrations apply from scratch on embedded PGlite, and down again', async (t) => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  t.teardown(() => handle.close());
  const applied = await migrateToLatest(handle.db);
  t.ok(applied.length >= 2, 'every migration ran');
  t.ok(applied.every((result) => result.status === 'Success'));
  t.same(await tablesIn(handle), expectedTables);
  t.same(await tablesIn(handle, 'pgboss'), expectedBossTables, 'and pg-boss’s, in its own schema');
  t.same(await migrateToLatest(handle.db), [], 'a second run has nothing to do');
  const { error } = await (await migrator(handle.db)).migrateTo(NO_MIGRATIONS);
  t.equal(error, undefined, 'down migrations run');
  t.same(await tablesIn(handle), []);
  t.same(await tablesIn(handle, 'pgboss'), [], 'pg-boss’s schema is dropped');
});

t.test('migrations apply from scratch on real Postgres', async (t) => {
  const serverUrl = serviceUrl(t, 'DATABASE_URL');
  if (!serverUrl) return;
  const handle = await openDatabase({ databaseUrl: await emptyDatabase(t, serverUrl, 'leadmatch_migrate'), dataDir: 'memory://' });
  t.teardown(() => handle.close());
  const applied = await migrateToLatest(handle.db);
  t.ok(applied.every((result) => result.status === 'Success'));
  t.same(await tablesIn(handle), expectedTables);
  t.same(await tablesIn(handle, 'pgboss'), expectedBossTables, 'and pg-boss’s, in its own schema');
  const [a, b] = await Promise.all([migrateToLatest(handle.db), migrateToLatest(handle.db)]);
  t.same([...a!, ...b!], [], 'concurrent migrators agree there is nothing left');
});

t.test('a second schema of a migrated database gets its own tables and bookkeeping', async (t) => {
  const serverUrl = serviceUrl(t, 'DATABASE_URL');
  if (!serverUrl) return;
  const url = await emptyDatabase(t, serverUrl, 'leadmatch_schemas');
  const first = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  t.teardown(() => first.close());
  await migrateToLatest(first.db);
  await sql`create schema second`.execute(first.db);
  const second = await openDatabase({ databaseUrl: `${url}?options=-c%20search_path%3Dsecond`, dataDir: 'memory://' });
  t.teardown(() => second.close());
  const applied = await migrateToLatest(second.db);
  t.ok(applied.length > 0 && applied.every((result) => result.status === 'Success'), 'every migration ran again in the second schema');
  t.same(await tablesIn(second, 'second'), expectedTables);
  t.same(await tablesIn(second, 'second_pgboss'), expectedBossTables, 'and a pg-boss schema of its own');
  t.same(await tablesIn(first, 'pgboss'), expectedBossTables, 'beside the first schema’s');
});
