import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS_DIR, migrateToLatest, openDatabase, type DatabaseHandle } from '@leadmatch/db';
import pg from 'pg';
import type { Test } from 'tap';
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
  const template = await ensureTemplate(serverUrl);
  const name = uniqueName('leadmatch_test');
  await withAdmin(serverUrl, (admin) => admin.query(`create database "${name}" template "${template}"`));
  const url = databaseUrl(serverUrl, name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 20 });
  t.teardown(async () => {
    await handle.close();
    await withAdmin(serverUrl, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
  });
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

/** Builds the template under an advisory lock, so parallel test processes build it once. */
async function ensureTemplate(serverUrl: string): Promise<string> {
  const template = `leadmatch_template_${await migrationsFingerprint()}`;
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('select pg_advisory_lock(4242001)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount) return;
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
    } finally {
      await admin.query('select pg_advisory_unlock(4242001)');
    }
  });
  return template;
}
