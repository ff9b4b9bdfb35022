import { loadConfigOrExit } from '@leadmatch/config';
import { migrateToLatest, openDatabase } from '@leadmatch/db';
import { phase, summary } from '@leadmatch/progress';
import { readSeedDocument, SEEDS_DIR } from '../store/seed-files.ts';
import { seedCatalog } from '../store/seed.ts';
import { editSummaryRows, printEditProblems, writingBar } from './edit-output.ts';

/**
 * `npm run seed`: loads seeds/ into the catalog with a progress bar, then sums up what changed per
 * entity; a second run changes nothing.
 */
const config = loadConfigOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const bar = writingBar('seeding');
try {
  await migrateToLatest(database.db);
  phase('checking seeds/ against the schema and the catalog');
  const document = await readSeedDocument(SEEDS_DIR);
  const result = await seedCatalog(database.db, SEEDS_DIR, bar.onProgress);
  bar.stop();
  summary(result.changes.length ? 'seeded the catalog' : 'checked the catalog against seeds/', editSummaryRows(document, result));
} catch (error) {
  bar.stop();
  if (!printEditProblems(error)) throw error;
  process.exitCode = 1;
} finally {
  await database.close();
}
