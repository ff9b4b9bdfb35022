import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Everything the bench writes lives in these schemas of the DATABASE_URL database (dropped and
 * recreated at the start, dropped at the end) and under one Redis key prefix per run.
 */
export const SCHEMAS = {
  /** The seed catalog: baselines' scratch table, intake, match preview on the seed catalog. */
  seed: 'leadmatch_bench',
  /** A fresh seed-catalog database for the match pipeline, so intake's backlog does not reach its worker. */
  pipeline: 'leadmatch_bench_pipeline',
  /** The synthetic national-scale catalog: match preview and re-match. */
  national: 'leadmatch_bench_national',
  /** Leads with runs and follow-up tasks, bulk-inserted, for the spreadsheet export. */
  exports: 'leadmatch_bench_exports',
} as const;
export type SchemaName = (typeof SCHEMAS)[keyof typeof SCHEMAS];

/**
 * The database URL whose sessions use `schema` (libpq `options=-c search_path=…`), for child
 * processes and pools alike: migrations, the service and the bench then all stay inside it.
 */
export function schemaUrl(databaseUrl: string, schema: SchemaName): string {
  const url = new URL(databaseUrl);
  url.searchParams.delete('options');
  const query = url.search ? `${url.search}&` : '?';
  url.search = '';
  return `${url.toString()}${query}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

/** Drops and creates the bench schemas; each is migrated on its own (see `migrator` in @leadmatch/db). */
export async function recreateSchemas(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const schema of Object.values(SCHEMAS)) {
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.query(`create schema ${schema}`);
    }
  });
}

export async function dropSchemas(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const schema of Object.values(SCHEMAS)) await client.query(`drop schema if exists ${schema} cascade`);
  });
}

async function withClient(databaseUrl: string, use: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}

/** A BullMQ key prefix no other run uses; every queue of the run gets `<prefix>-<part>`. */
export function runPrefix(): string {
  return `bench-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every Redis key of this run's prefixes; returns how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    const stream = redis.scanStream({ match: `${prefix}-*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    await redis.quit();
  }
}
