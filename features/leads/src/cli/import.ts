import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@leadmatch/config';
import { migrateToLatest, openDatabase, personalDataFor } from '@leadmatch/db';
import { openJobQueue, type JobLog } from '@leadmatch/jobs';
import { phase, progressBar, summary } from '@leadmatch/progress';
import { formatOfFileName } from '@leadmatch/spreadsheets';
import { importLedger, LedgerHeaderError, LedgerUnreadableError, ROW_RESULTS, type LedgerReport } from '../ledger/import.ts';
import { writeReportWorkbook } from '../ledger/workbooks.ts';
import { dispatchMatchRequestPages } from '../match-requests/dispatch.ts';

/**
 * `npm run leads:import -- ledger.xlsx`: the import of POST /v1/leads/imports, from a file, straight
 * into the database (migrated first, like catalog:import). The same checks and the same results row
 * by row; the leads belong to `--owner` (an API key id, `key_…`, so that key sees and updates them;
 * `cli-import` by default). A progress bar follows the bytes read; the summary gives the totals and
 * each rejected row's problems. `--report out.xlsx` writes the per-row report too. Exit code 0 when
 * every row was imported, 1 when some row was rejected or the header refused the file, 2 on usage.
 */
const USAGE = 'usage: npm run leads:import -- <ledger.xlsx|ledger.csv> [--owner <api key id>] [--report <report.xlsx>]';
const DEFAULT_OWNER = 'cli-import';
/** Rejected rows listed in full; the report file has them all. */
const LISTED_REJECTIONS = 50;

let parsed: ReturnType<typeof parseCommandLine>;
try {
  parsed = parseCommandLine();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { file, owner, reportFile } = parsed;
const format = formatOfFileName(file);
if (!format) {
  console.error(`${file}: only .xlsx and .csv ledgers can be imported\n${USAGE}`);
  process.exit(2);
}
const size = await stat(file).then(
  (stats) => stats.size,
  (error: unknown) => {
    console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

const config = loadConfigOrExit();
phase('opening the database');
const personalData = personalDataFor(config.piiKey);
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const log: JobLog = { info: () => undefined, warn: (_obj, msg) => console.error(msg ?? ''), error: (_obj, msg) => console.error(msg ?? '') };
const queue = openJobQueue({ redisUrl: config.redisUrl, db: database.db, prefix: config.queuePrefix, log });
try {
  await migrateToLatest(database.db);
  phase(`importing ${file} as ${owner}`);
  const bar = progressBar('importing', size, 'bytes');
  let read = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      bar.update(read);
      done(null, chunk);
    },
  });
  let report: LedgerReport;
  try {
    report = await importLedger(createReadStream(file).pipe(counted), format, {
      db: database.db,
      personalData,
      ownerKey: owner,
      dispatch: (ids) => dispatchMatchRequestPages(queue, database.db, ids, log),
    });
  } finally {
    bar.stop();
  }
  if (reportFile) await writeReportWorkbook(report, createWriteStream(reportFile));
  printRejections(report);
  summary(`imported ${file}`, [
    ...ROW_RESULTS.map((result) => [result, report.totals[result]] as const),
    ['rows', report.totals.rows],
    ...(reportFile ? [['report', reportFile] as const] : []),
  ]);
  if (report.totals.rejected > 0) process.exitCode = 1;
} catch (error) {
  if (error instanceof LedgerHeaderError) {
    console.error(`${file}: ${error.message}`);
    for (const problem of error.problems) console.error(`  ${problem.column ? `${problem.column}1` : '-'} ${problem.header}: ${problem.zh} · ${problem.en}`);
    process.exitCode = 1;
  } else if (error instanceof LedgerUnreadableError) {
    console.error(`${file}: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await queue.close();
  await database.close();
}

function parseCommandLine(): { file: string; owner: string; reportFile: string | undefined } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { owner: { type: 'string' }, report: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'no ledger file given' : 'one ledger file at a time');
  return { file: positionals[0]!, owner: values.owner ?? DEFAULT_OWNER, reportFile: values.report };
}

/** Each rejected row (up to LISTED_REJECTIONS) with its problems, on stderr. */
function printRejections(report: LedgerReport): void {
  const rejected = report.rows.filter((row) => row.result === 'rejected');
  for (const row of rejected.slice(0, LISTED_REJECTIONS)) {
    console.error(`row ${row.row}:`);
    for (const problem of row.problems) console.error(`  ${problem.column}${problem.header ? `「${problem.header}」` : ''}: ${problem.zh} · ${problem.en}`);
  }
  if (rejected.length > LISTED_REJECTIONS) console.error(`… and ${rejected.length - LISTED_REJECTIONS} more rejected rows (--report writes them all)`);
}
