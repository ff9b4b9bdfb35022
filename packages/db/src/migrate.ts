import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResult } from 'kysely/migration';

/** Built code runs the built migrations (`dist/migrations`): plain Node cannot import the TypeScript sources. */
const RUNNING_BUILT_CODE = import.meta.url.endsWith('.js');
export const MIGRATIONS_DIR = fileURLToPath(
  new URL(RUNNING_BUILT_CODE ? '../../../dist/migrations' : '../../../migrations', import.meta.url),
);

/**
 * The migrator for the connection's current schema. Named explicitly because Kysely otherwise looks
 * for its bookkeeping tables in every schema, so a second schema of one database (a second
 * deployment, the benchmark's) would never get its own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it is in the database, not as Database types it
export async function migrator(db: Kysely<any>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    migrationTableSchema: rows[0]!.schema,
  });
}

/** Applies every pending migration in order; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it is in the database, not as Database types it
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results = [] } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return results;
}
