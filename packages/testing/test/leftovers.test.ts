import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import t from 'tap';
import { cloneTemplate, databaseUrl, redisPrefix, serviceUrl, testDatabase, uniqueName } from '../src/index.ts';

async function databasesNamed(serverUrl: string, prefix: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1) order by datname', [prefix]);
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

t.test('every key under a test’s Redis prefix is gone after its teardown, and only those', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const client = new Redis(redisUrl);
  t.teardown(() => client.quit());
  let prefix = '';
  await t.test('a test that writes under its prefix', async (t) => {
    prefix = redisPrefix(t, redisUrl, 'leftovers');
    const queue = new Queue('work', { connection: { url: redisUrl }, prefix });
    t.teardown(() => queue.close());
    await queue.add('job', { n: 1 });
    await client.set(`${prefix}:rate-limit:key:k1`, '1', 'EX', 60);
    t.ok((await client.keys(`${prefix}:*`)).length > 1, 'the queue and a counter wrote keys');
  });
  // A neighbour whose name starts like the prefix is not under it.
  const neighbour = `${prefix}x:kept`;
  await client.set(neighbour, '1', 'EX', 60);
  t.teardown(() => client.del(neighbour));
  t.same(await client.keys(`${prefix}:*`), [], 'nothing is left under the prefix');
  t.equal(await client.exists(neighbour), 1, 'a key outside it is untouched');
});

t.test('a test database is dropped at teardown', async (t) => {
  const serverUrl = serviceUrl(t, 'DATABASE_URL');
  if (!serverUrl) return;
  let name = '';
  await t.test('a test with a database', async (t) => {
    name = new URL((await testDatabase(t)).url!).pathname.slice(1);
    t.same(await databasesNamed(serverUrl, name), [name]);
  });
  t.same(await databasesNamed(serverUrl, name), [], 'gone after the test');
});

t.test('a new template replaces the older templates of its family, and only those', async (t) => {
  const serverUrl = serviceUrl(t, 'DATABASE_URL');
  if (!serverUrl) return;
  // A family of this test's own, so the suite's template is never touched.
  const family = uniqueName('leadmatch_tpltest');
  const [older, newer] = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb'];
  const clones = [1, 2, 3].map((i) => `${family}_clone${i}`);
  const unrelated = `${family}_notes`;
  t.teardown(async () => {
    for (const name of [...clones, unrelated, `${family}_${older}`, `${family}_${newer}`, `${family}_cccccccccccc_building`]) {
      await adminQuery(serverUrl, `drop database if exists "${name}" with (force)`);
    }
  });
  await adminQuery(serverUrl, `create database "${unrelated}"`);
  // The leftover of a build that died.
  await adminQuery(serverUrl, `create database "${family}_cccccccccccc_building"`);

  t.equal(await cloneTemplate(serverUrl, clones[0]!, { family, fingerprint: older }), `${family}_${older}`);
  t.same(await databasesNamed(serverUrl, `${family}_`), [`${family}_${older}`, clones[0], unrelated].sort(), 'the first template, and its clone');

  t.equal(await cloneTemplate(serverUrl, clones[1]!, { family, fingerprint: newer }), `${family}_${newer}`);
  t.same(
    await databasesNamed(serverUrl, `${family}_`),
    [`${family}_${newer}`, clones[0], clones[1], unrelated].sort(),
    'other migrations: the new template replaced the older one and the dead build; clones and other databases stay',
  );

  await cloneTemplate(serverUrl, clones[2]!, { family, fingerprint: newer });
  t.same(await databasesNamed(serverUrl, `${family}_${newer}`), [`${family}_${newer}`], 'the same migrations reuse their template');
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, clones[2]!) });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name = 'match_runs'`);
  t.equal(rows[0]!.n, 1, 'a clone is migrated');
});
