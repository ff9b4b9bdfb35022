import { readFile } from 'node:fs/promises';
import { CatalogCache, loadSeedCatalog, type LoadedCatalog } from '@leadmatch/catalog';
import { loadConfigOrExit } from '@leadmatch/config';
import { openDatabase } from '@leadmatch/db';
import { createAjv, fieldErrors, LeadInput, normalizeLeadInput, type ValidationIssue } from '@leadmatch/domain';
import { matchLead, toMatchLead } from '@leadmatch/matcher';
import { printMatch } from './print-match.ts';

/**
 * `npm run match -- lead.json`: the ranked table with reasons for a lead in the shape of POST /v1/leads.
 * With DATABASE_URL it reads that catalog; without, the seed files (never an embedded database a
 * running server holds).
 */
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run match -- <lead.json>');
  process.exit(2);
}
const input = await readLead(file);
const validate = createAjv().compile(LeadInput);
if (!validate(input)) {
  for (const error of fieldErrors((validate.errors ?? []) as ValidationIssue[], 'body')) console.error(`${error.pointer}: ${error.message}`);
  process.exit(1);
}

const config = loadConfigOrExit();
const catalog = config.databaseUrl ? await catalogFromDatabase(config.databaseUrl) : await loadSeedCatalog();
const lead = toMatchLead(normalizeLeadInput(input as LeadInput), catalog.classifier.classify);
printMatch(matchLead(lead, catalog, { now: new Date() }), lead);

async function catalogFromDatabase(databaseUrl: string): Promise<LoadedCatalog> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  try {
    return await new CatalogCache(database.db).current();
  } finally {
    await database.close();
  }
}

/** The lead file as JSON, or one line saying why not (no stack trace for a missing file or a typo). */
async function readLead(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(`match: cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
    process.exit(2);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    console.error(`match: ${path} is not JSON: ${(err as Error).message}`);
    process.exit(2);
  }
}
