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
  /** How long a query waits for a connection (new or from a full pool) before it fails; defaults to 5 s. */
  connectTimeoutMs?: number;
  /** Told when a connection breaks (the server restarted or went away); defaults to stderr. */
  log?: DatabaseLog;
}

export interface DatabaseLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

const stderrLog: DatabaseLog = {
  info: (details, message) => console.info(message, details),
  warn: (details, message) => console.warn(message, details),
};

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials. */
  location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPGlite(options.dataDir);
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  const log = options.log ?? stderrLog;
  const reported = new WeakSet<Error>();
  const reportBroken = (err: Error & { code?: string }) => {
    if (reported.has(err)) return;
    reported.add(err);
    log.warn({ error: err.message, code: err.code }, 'a database connection broke; the pool replaces it on next use');
  };
  // Unhandled, either event would end the process. The pool reports clients that break while idle;
  // a client that breaks while checked out reports on itself, and its query fails on its own.
  pool.on('error', reportBroken);
  pool.on('connect', (client) => client.on('error', reportBroken));
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

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is connection_exception. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const BROKEN_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
];

/**
 * True when an error says the database could not be reached or dropped the connection (as
 * opposed to refusing the statement): worth retrying once the server is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  if (BROKEN_CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  const inner = error instanceof AggregateError ? error.errors : [error.cause];
  return inner.some((cause) => unavailable(cause, depth + 1));
}
