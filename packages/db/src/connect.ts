import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export interface DatabaseOptions {
  /** A postgres:// URL; without one, embedded PGlite stores its files under `dataDir`. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory only. */
  dataDir: string;
  poolSize?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPGlite(options.dataDir);
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* An idle client lost its connection; the pool replaces it on next use. */
  });
  const parsed = new URL(url);
  return handle(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres', `${parsed.host}${parsed.pathname}`);
}

async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : join(dataDir, 'pglite');
  if (!inMemory) await mkdir(location, { recursive: true });
  const pglite = await PGlite.create(location);
  return handle(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), 'pglite', location);
}

function handle(db: Kysely<Database>, kind: DatabaseHandle['kind'], location: string): DatabaseHandle {
  return {
    db,
    kind,
    location,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
