import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Test } from 'tap';
import { MIGRATIONS_DIR, migrateToLatest, openDatabase, type DatabaseHandle } from '@leadmatch/db';
import { servicesRequired, uniqueName } from './services.ts';

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL on real Postgres; undefined on PGlite. */
  url: string | undefined;
}

/**
 * A migrated database of this test's own. On real Postgres (DATABASE_URL) it is cloned from a
 * template migrated once per set of migrations, and dropped at teardown; otherwise it is an
 * in-memory PGlite.
 */
export async function testDatabase(t: Test): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    if (servicesRequired) throw new Error('DATABASE_URL is not set and REQUIRE_SERVICES=1 forbids PGlite');
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    t.teardown(() => handle.close());
    return { ...handle, url: undefined };
  }
  const name = uniqueName('leadmatch_test');
  await cloneTemplate(serverUrl, name);
  const url = databaseUrl(serverUrl, name);
  let handle: DatabaseHandle | undefined;
  t.teardown(async () => {
    await handle?.close();
    await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
  });
  handle = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 20 });
  return { ...handle, url };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Templates are named `<family>_<fingerprint of the migrations>`; the tests' family is this one. */
const TEMPLATE_FAMILY = 'leadmatch_template';
const TEMPLATE_LOCK = 4242001;

/**
 * Creates the database `name` as a copy of the template of these migrations, building the template
 * first when there is none. A new template replaces its family's older ones (and any `_building`
 * leftover of a build that died), which no checkout of these migrations would use again: one
 * template per family stays on the server, as a cache. Everything happens under one advisory lock,
 * so parallel test processes build a template once, and none drops a template another is copying.
 * `family` and `fingerprint` are for testing this.
 */
export async function cloneTemplate(
  serverUrl: string,
  name: string,
  { family = TEMPLATE_FAMILY, fingerprint }: { family?: string; fingerprint?: string } = {},
): Promise<string> {
  const template = `${family}_${fingerprint ?? (await migrationsFingerprint())}`;
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (!exists.rowCount) {
        await buildTemplate(admin, serverUrl, template);
        const stale = await admin.query<{ datname: string }>(
          `select datname from pg_database
           where starts_with(datname, $1) and substr(datname, length($1) + 1) ~ '^[0-9a-f]{12}(_building)?$' and datname <> $2`,
          [`${family}_`, template],
        );
        for (const { datname } of stale.rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      }
      await admin.query(`create database "${name}" template "${template}"`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

async function buildTemplate(admin: pg.Client, serverUrl: string, template: string): Promise<void> {
  const building = `${template}_building`;
  await admin.query(`drop database if exists "${building}" with (force)`);
  await admin.query(`create database "${building}"`);
  const handle = await openDatabase({ databaseUrl: databaseUrl(serverUrl, building), dataDir: 'memory://' });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  await admin.query(`alter database "${building}" rename to "${template}"`);
}
