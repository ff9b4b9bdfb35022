import { loadConfigOrExit } from '@leadmatch/config';
import { migrateToLatest, openDatabase } from '@leadmatch/db';
import { seedCatalog } from '../store/seed.ts';

/** `npm run seed`: loads seeds/ into the catalog; a second run changes nothing. */
const config = loadConfigOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const { version, changes } = await seedCatalog(database.db);
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(`${change.action} ${change.entity}`, (counts.get(`${change.action} ${change.entity}`) ?? 0) + 1);
  for (const [what, n] of counts) console.log(`${what}: ${n}`);
  console.log(changes.length ? `catalog is now at version ${version}` : `nothing to change; catalog stays at version ${version}`);
} finally {
  await database.close();
}
