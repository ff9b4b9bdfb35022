import { openDatabase } from '../connect.ts';
import { migrateToLatest } from '../migrate.ts';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data' });
try {
  const results = await migrateToLatest(database.db);
  for (const result of results) console.log(`${result.status}: ${result.migrationName}`);
  console.log(`${database.kind} at ${database.location} is at the latest migration`);
} finally {
  await database.close();
}
