import { seedCatalogIfEmpty } from '@leadmatch/catalog';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DatabaseOptions, type PersonalData } from '@leadmatch/db';
import { sealExistingPersonalData } from './seal-existing.ts';

export interface ReadyDatabaseOptions extends DatabaseOptions {
  /** Seals personal data a version before sealing stored in plaintext. */
  personalData: PersonalData;
}

/**
 * Opens the database, applies pending migrations, on a fresh database loads the seed catalog, and
 * seals plaintext personal data left from before sealing at rest: what every process does before it
 * serves. Safe when several processes start at once.
 */
export async function openReadyDatabase(options: ReadyDatabaseOptions): Promise<DatabaseHandle> {
  const { personalData, ...connection } = options;
  const database = await openDatabase(connection);
  try {
    await migrateToLatest(database.db);
    await seedCatalogIfEmpty(database.db);
    const sealed = await sealExistingPersonalData(database.db, personalData);
    if (Object.values(sealed).some((count) => count > 0)) (options.log ?? console).info(sealed, 'sealed personal data stored before it was sealed at rest');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
