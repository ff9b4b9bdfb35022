import { readFile } from 'node:fs/promises';
import { loadConfigOrExit } from '@leadmatch/config';
import { migrateToLatest, openDatabase } from '@leadmatch/db';
import { CatalogDocument, createAjv, fieldErrors, type ValidationIssue } from '@leadmatch/domain';
import { phase, summary } from '@leadmatch/progress';
import { applyCatalogEdit } from '../store/edit.ts';
import { editSummaryRows, printEditProblems, writingBar } from './edit-output.ts';

/**
 * `npm run catalog:import -- catalog.json`: the bulk import of POST /v1/catalog/import, from a file.
 * The same shape and the same whole-catalog check: it all goes in, or nothing does and every problem
 * is listed with its JSON pointer (exit code 1). A fresh database is migrated, not seeded first: the
 * file becomes its catalog.
 */
const IMPORT_ACTOR = 'cli-import';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run catalog:import -- <catalog.json>');
  process.exit(2);
}
phase(`checking ${file} against the schema and the catalog`);
const document = await readDocument(file);
const config = loadConfigOrExit();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const bar = writingBar('importing');
try {
  await migrateToLatest(database.db);
  const result = await applyCatalogEdit(database.db, IMPORT_ACTOR, { upsert: document }, bar.onProgress);
  bar.stop();
  summary(result.changes.length ? `imported ${file}` : `checked the catalog against ${file}`, editSummaryRows(document, result));
} catch (error) {
  bar.stop();
  if (!printEditProblems(error)) throw error;
  process.exitCode = 1;
} finally {
  await database.close();
}

/** The file as a catalog document, or exits naming what is wrong with it, as the route's body schema does. */
async function readDocument(path: string): Promise<CatalogDocument> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    console.error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const validate = createAjv().compile(CatalogDocument);
  if (validate(input)) return input as CatalogDocument;
  console.error(`${path} does not have the shape of a catalog document; nothing was written.`);
  for (const error of fieldErrors((validate.errors ?? []) as ValidationIssue[], 'body')) console.error(`${error.pointer}: ${error.message}`);
  process.exit(1);
}
