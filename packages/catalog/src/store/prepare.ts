import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseOptions } from '@leadmatch/db';
import { seedCatalogIfEmpty } from './seed.ts';

/**
 * Opens the database, applies pending migrations and, on a fresh database, loads the seed catalog:
 * what every process does before it serves. Safe when several processes start at once.
 */
export async function openReadyDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const database = await openDatabase(options);
  try {
    await migrateToLatest(database.db);
    await seedCatalogIfEmpty(database.db);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
