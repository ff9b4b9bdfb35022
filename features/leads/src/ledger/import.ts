import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database, PersonalData } from '@leadmatch/db';
import { normalizeLeadInput, type LeadNeeds } from '@leadmatch/domain';
import { readHeader, readTable, type Header, type ReadRow, type TableFormat } from '@leadmatch/spreadsheets';
import { intakeResponse } from '../api/intake.ts';
import { saveLeadsWithMatchRequests, type LeadToSave } from '../intake-repository.ts';
import { openLeadRecord, type DuplicateMatch } from '../repository.ts';
import { columnByPath, LEDGER_HEADERS } from './columns.ts';
import { missingColumns, NOT_UTF8, parseRow, UNDECODABLE, type LedgerProblem } from './rows.ts';

export const ROW_RESULTS = ['created', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;
export type RowResult = (typeof ROW_RESULTS)[number];

export interface RowReport {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  row: number;
  result: RowResult;
  /** The lead the row created, updated or left unchanged, or the open lead it duplicates; null when rejected. */
  leadId: string | null;
  /** How a duplicate was recognised: the same credit code, or the same company name and phone. */
  matchedBy: DuplicateMatch | null;
  problems: LedgerProblem[];
}

export interface LedgerReport {
  totals: { rows: number } & Record<RowResult, number>;
  rows: RowReport[];
}

/** The file cannot be imported at all: its header names unknown or repeated columns, or lacks required ones. */
export class LedgerHeaderError extends Error {
  constructor(readonly problems: LedgerProblem[]) {
    super(`The ledger's header has ${problems.length} problem(s); no row was read.`);
    this.name = 'LedgerHeaderError';
  }
}

/** The file could not be read as the format its name says (not a spreadsheet, or cut short). */
export class LedgerUnreadableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`The file cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'LedgerUnreadableError';
  }
}

/** Rows saved per statement: one transaction each, with their match requests. */
export const LEDGER_BATCH_SIZE = 500;

export interface LedgerImportOptions {
  db: Kysely<Database>;
  personalData: PersonalData;
  /** The API key id the leads belong to (dedup and external ids are per key). */
  ownerKey: string;
  /** Hands a saved batch's match requests to the queue; what it misses the sweeper enqueues later. */
  dispatch: (matchRequestIds: string[]) => Promise<void>;
  batchSize?: number;
  /** Called after each batch with the number of data rows read so far. */
  onProgress?: (rows: number) => void;
  /** Errors the input stream raises that mean something other than an unreadable file (a size limit). */
  passThrough?: (error: unknown) => boolean;
}

interface PendingRow {
  report: RowReport;
  /** Where the file has its external ids, for the problem of an erased lead. */
  externalIdAt: { column: string; header: string };
  externalId: string | null;
  needs: LeadNeeds;
}

/** Rows of the table, with a failure to read them told apart from failures to save them. */
async function* tableRows(input: Readable, format: TableFormat, passThrough: (error: unknown) => boolean): AsyncGenerator<ReadRow> {
  const rows = readTable(input, format);
  for (;;) {
    let next: IteratorResult<ReadRow>;
    try {
      next = await rows.next();
    } catch (error) {
      throw passThrough(error) ? error : new LedgerUnreadableError(error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Imports a ledger, a row at a time as it streams in: each data row is checked as a POST /v1/leads
 * body, and valid rows are saved in batches of `batchSize`, each batch in one statement with its
 * match requests. Row by row, not all or nothing: a rejected row writes nothing and the others are
 * saved. A row whose external id this key already has with the same needs is `unchanged` and
 * writes nothing; a row of a company this key already has open is a `duplicate` and writes nothing.
 * Only the current batch of rows is held; the report keeps one small entry per row.
 */
export async function importLedger(input: Readable, format: TableFormat, options: LedgerImportOptions): Promise<LedgerReport> {
  const batchSize = options.batchSize ?? LEDGER_BATCH_SIZE;
  const reports: RowReport[] = [];
  let pending: PendingRow[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await saveBatch(batch, options);
    options.onProgress?.(reports.length);
  };

  let header: Header | undefined;
  for await (const row of tableRows(input, format, options.passThrough ?? (() => false))) {
    if (!header) {
      header = readHeader(row, LEDGER_HEADERS);
      const problems = [...header.problems.map(headerProblem), ...missingColumns(header)];
      if (problems.length > 0) throw new LedgerHeaderError(problems);
      continue;
    }
    const parsed = parseRow(row, header);
    const report: RowReport = { row: row.rowNumber, result: 'rejected', leadId: null, matchedBy: null, problems: [] };
    reports.push(report);
    if ('problems' in parsed) {
      report.problems = parsed.problems;
      continue;
    }
    const externalId = parsed.input.externalId ?? null;
    // A second row of one external id waits for the first to be saved, so it is compared with it.
    if (externalId !== null && pending.some((other) => other.externalId === externalId)) await flush();
    pending.push({ report, externalId, externalIdAt: externalIdColumn(header), needs: normalizeLeadInput(parsed.input) });
    if (pending.length >= batchSize) await flush();
  }
  if (!header) throw new LedgerHeaderError([{ column: 'A', header: '', field: null, zh: '文件是空的，没有表头行', en: 'the file is empty: it has no header row' }]);
  await flush();
  const totals = { rows: reports.length, created: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
  for (const report of reports) totals[report.result]++;
  return { totals, rows: reports };
}

function headerProblem(problem: { column: string; header: string; problem: 'unknown' | 'repeated' }): LedgerProblem {
  if (problem.problem === 'repeated') {
    return { ...problem, field: null, zh: `列名“${problem.header}”与前面的列重复`, en: `the column "${problem.header}" repeats an earlier column` };
  }
  if (problem.header.includes(UNDECODABLE)) return { ...problem, field: null, zh: NOT_UTF8.zh, en: NOT_UTF8.en };
  return {
    ...problem,
    field: null,
    zh: `无法识别的列名“${problem.header}”；模板（GET /v1/leads/imports/template）列出可用的列`,
    en: `unknown column "${problem.header}"; the template (GET /v1/leads/imports/template) lists the columns`,
  };
}

/** The needs as stored and as imported compare equal: the same lead, nothing to write. */
const NEED_FIELDS: (keyof LeadNeeds)[] = [
  'companyName', 'creditCode', 'contactName', 'contactPhone', 'contactEmail', 'industry', 'industryCode', 'uses', 'landM2',
  'buildingM2', 'buildingTenure', 'annualTaxWan', 'investmentWan', 'employees', 'regions', 'policyInterests', 'notes',
];
const sameNeeds = (a: LeadNeeds, b: LeadNeeds) => NEED_FIELDS.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));

async function saveBatch(batch: PendingRow[], options: LedgerImportOptions): Promise<void> {
  const { db, personalData, ownerKey } = options;
  const externalIds = batch.flatMap((row) => (row.externalId === null ? [] : [row.externalId]));
  const stored =
    externalIds.length === 0
      ? []
      : await db.selectFrom('leads').selectAll().where('owner_key', '=', ownerKey).where('external_id', 'in', externalIds).where('erased_at', 'is', null).execute();
  const storedByExternalId = new Map(stored.map((row) => [row.external_id!, row]));
  const toSave: { row: PendingRow; lead: LeadToSave }[] = [];
  for (const row of batch) {
    const existing = row.externalId === null ? undefined : storedByExternalId.get(row.externalId);
    if (existing && sameNeeds(openLeadRecord(existing, personalData), row.needs)) {
      Object.assign(row.report, { result: 'unchanged', leadId: existing.id });
      continue;
    }
    toSave.push({ row, lead: { newId: randomUUID(), ownerKey, externalId: row.externalId, needs: row.needs, idempotency: null } });
  }
  if (toSave.length === 0) return;
  const outcomes = await saveLeadsWithMatchRequests(db, toSave.map((item) => item.lead), intakeResponse, personalData);
  const matchRequestIds: string[] = [];
  outcomes.forEach((outcome, index) => {
    const { report } = toSave[index]!.row;
    switch (outcome.kind) {
      case 'created':
      case 'updated':
        Object.assign(report, { result: outcome.kind, leadId: outcome.lead.id });
        matchRequestIds.push(outcome.matchRequestId);
        break;
      case 'linked':
        Object.assign(report, { result: 'duplicate', leadId: outcome.lead.id, matchedBy: outcome.matchedBy });
        break;
      default:
        report.problems = [erasedProblem(toSave[index]!.row.externalIdAt)];
    }
  });
  await options.dispatch(matchRequestIds);
}

function externalIdColumn(header: Header): { column: string; header: string } {
  const at = header.columns.find((column) => column?.field === 'externalId');
  return at ? { column: at.column, header: at.header } : { column: '', header: columnByPath.get('externalId')!.zh };
}

function erasedProblem(at: { column: string; header: string }): LedgerProblem {
  return {
    ...at,
    field: 'externalId',
    zh: '该外部编号的线索个人信息已删除，不能再修改',
    en: "the lead with this external id had its personal data erased; it can no longer be changed",
  };
}
