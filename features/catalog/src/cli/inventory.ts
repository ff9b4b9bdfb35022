import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { loadConfigOrExit } from '@leadmatch/config';
import { migrateToLatest, openDatabase } from '@leadmatch/db';
import { DomainError } from '@leadmatch/domain';
import { phase, summary } from '@leadmatch/progress';
import { formatOfFileName } from '@leadmatch/spreadsheets';
import { importInventory } from '../inventory/import-inventory.ts';
import { printEditProblems } from './edit-output.ts';

/**
 * `npm run catalog:inventory -- <park id> <inventory.xlsx|.csv>`: POST /v1/parks/{id}/inventory from a
 * file. The same check: it all goes in, or nothing does and every problem is listed by sheet, row
 * and column (exit code 1).
 */
const INVENTORY_ACTOR = 'cli-inventory';

const [parkId, file] = process.argv.slice(2);
const format = file ? formatOfFileName(file) : undefined;
if (!parkId || !file || !format) {
  console.error('usage: npm run catalog:inventory -- <park id> <inventory.xlsx|inventory.csv>');
  process.exit(2);
}
phase(`checking ${file} as the carrier inventory of ${parkId}`);
const config = loadConfigOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database.db);
  const result = await importInventory(database.db, INVENTORY_ACTOR, { parkId, fileName: basename(file), format, content: createReadStream(file) });
  const count = (outcome: string) => result.carriers.filter((carrier) => carrier.outcome === outcome).length;
  summary(`imported the inventory of ${parkId} from ${file}`, [
    ['carriers', count('created'), 'created', count('updated'), 'updated', count('unchanged'), 'unchanged'],
    ['thresholds', result.thresholds],
    ['catalog version', result.catalogVersion],
    ...(result.ignoredSheets.length ? [['sheets not read', result.ignoredSheets.join(', ')] as [string, string]] : []),
  ]);
} catch (error) {
  if (error instanceof DomainError && !error.errors) console.error(error.message);
  else if (!printEditProblems(error)) throw error;
  process.exitCode = 1;
} finally {
  await database.close();
}
