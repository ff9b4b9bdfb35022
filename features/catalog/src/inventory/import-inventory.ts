import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { type Database } from '@leadmatch/db';
import { type Carrier, DomainError, type Park, type Source } from '@leadmatch/domain';
import { type ReadRow, readSheets, type TableFormat } from '@leadmatch/spreadsheets';
import { applyCatalogEdit } from '../store/edit.ts';
import { type CellProblem, toFieldError } from './cells.ts';
import { THRESHOLD_SHEET_NAMES } from './columns.ts';
import { parseCarrierRows, type ParsedCarrier } from './parse-carriers.ts';
import { parseThresholdRows, type ParsedThresholds } from './parse-thresholds.ts';

/** Sheets a template carries for people, not for the import. */
const NOTE_SHEET_NAMES = ['说明', '填写说明', 'notes'];

export interface InventoryFile {
  parkId: string;
  fileName: string;
  format: TableFormat;
  content: Readable;
}

export type CarrierOutcome = 'created' | 'updated' | 'unchanged';

export interface InventoryImportResult {
  parkId: string;
  catalogVersion: number;
  carriers: { row: number; id: string; outcome: CarrierOutcome }[];
  thresholds: 'updated' | 'unchanged' | 'not-given';
  /** Sheets neither carriers, thresholds nor notes: not read. */
  ignoredSheets: string[];
}

interface ReadInventory {
  carriers: ParsedCarrier[];
  thresholds: ParsedThresholds | null;
  problems: CellProblem[];
  ignoredSheets: string[];
}

/**
 * Imports a park's carrier inventory (载体清单) and, from a thresholds sheet, its 亩均 thresholds: every
 * problem of every sheet is found first and, if there is one, nothing is written (422 with each
 * by sheet, row and column); otherwise the carriers and the park are written in one catalog edit,
 * with a change record per document, which the catalog watcher then re-matches leads after.
 */
export async function importInventory(db: Kysely<Database>, actor: string, file: InventoryFile): Promise<InventoryImportResult> {
  const park = await findPark(db, file.parkId);
  const source = inventorySource(park, file.fileName);
  const read = await readInventory(file, source.id);
  read.problems.sort(inReadingOrder(read.problems));
  if (read.problems.length > 0) {
    throw new DomainError(
      'inventory-invalid',
      422,
      `The inventory has ${read.problems.length} problem(s); nothing was written.${read.problems.length > 100 ? ' The first 100 are listed.' : ''}`,
      read.problems.map(toFieldError),
    );
  }
  await keepEvidenceOfUnchangedFacts(db, read.carriers);
  const thresholdsGiven = read.thresholds !== null && Object.keys(read.thresholds.values).length > 0;
  const parkWithThresholds = thresholdsGiven ? withThresholds(park, read.thresholds!, source.id) : null;
  const citesInventory =
    read.carriers.some(({ carrier }) => carrier.evidence.source === source.id) || parkWithThresholds?.thresholds.evidence?.source === source.id;
  const result = await applyCatalogEdit(db, actor, {
    upsert: {
      sources: citesInventory ? [source] : [],
      carriers: read.carriers.map(({ carrier }) => carrier),
      parks: parkWithThresholds ? [parkWithThresholds] : [],
    },
  });
  const changed = new Map(result.changes.filter((change) => change.entity === 'carriers').map((change) => [change.entityId, change.action]));
  return {
    parkId: park.id,
    catalogVersion: result.version,
    carriers: read.carriers.map(({ row, carrier }) => ({ row, id: carrier.id, outcome: outcomeOf(changed.get(carrier.id)) })),
    thresholds: !parkWithThresholds ? 'not-given' : result.changes.some((change) => change.entity === 'parks') ? 'updated' : 'unchanged',
    ignoredSheets: read.ignoredSheets,
  };
}

const outcomeOf = (action: string | undefined): CarrierOutcome => (action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged');

async function findPark(db: Kysely<Database>, parkId: string): Promise<Park> {
  const row = await db.selectFrom('parks').select('data').where('id', '=', parkId).executeTakeFirst();
  if (!row) throw new DomainError('not-found', 404, `No park with the id "${parkId}" is in the catalog.`);
  return row.data as Park;
}

/**
 * A row that states what the catalog already says of a carrier keeps the carrier's evidence (an
 * article, say): the inventory becomes the source of the facts it changes, not of those it repeats.
 */
async function keepEvidenceOfUnchangedFacts(db: Kysely<Database>, carriers: ParsedCarrier[]): Promise<void> {
  if (carriers.length === 0) return;
  const rows = await db.selectFrom('carriers').select('data').where('id', 'in', carriers.map(({ carrier }) => carrier.id)).execute();
  const existing = new Map(rows.map((row) => [(row.data as Carrier).id, row.data as Carrier]));
  for (const parsed of carriers) {
    const before = existing.get(parsed.carrier.id);
    if (before && sameFacts(before, parsed.carrier)) parsed.carrier = before;
  }
}

const factsOf = ({ evidence: _evidence, price, ...facts }: Carrier) => canonical({ ...facts, price: price ?? null });

/** JSON with every object's keys in order, as stored documents (jsonb) do not keep theirs. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}
const sameFacts = (a: Carrier, b: Carrier) => factsOf(a) === factsOf(b);

/** The source the imported facts cite: the park's own inventory, as staff keep it. */
function inventorySource(park: Park, fileName: string): Source {
  return {
    id: `inventory-${park.id}`.slice(0, 80).replace(/-+$/, ''),
    title: `${park.name}载体清单`.slice(0, 200),
    publisher: '园区招商部门（工作人员导入）· the park desk, imported by staff',
    publishedOn: null,
    url: null,
    note: `最近一次导入的文件 · last imported file: ${fileName}`.slice(0, 500),
  };
}

/** Sheet by sheet as read, then row by row, left to right. */
function inReadingOrder(problems: CellProblem[]): (a: CellProblem, b: CellProblem) => number {
  const sheets = [...new Set(problems.map((problem) => problem.sheet))];
  const column = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  return (a, b) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.row - b.row || column(a.column) - column(b.column);
}

async function readInventory(file: InventoryFile, sourceId: string): Promise<ReadInventory> {
  const read: ReadInventory = { carriers: [], thresholds: null, problems: [], ignoredSheets: [] };
  let carriersSeen = false;
  for await (const sheet of readSheets(file.content, file.format)) {
    const rows: ReadRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    const name = sheet.name.trim();
    if (THRESHOLD_SHEET_NAMES.includes(name.toLowerCase())) {
      read.thresholds = parseThresholdRows(sheet.name, rows);
      read.problems.push(...read.thresholds.problems);
    } else if (NOTE_SHEET_NAMES.includes(name.toLowerCase())) continue;
    else if (carriersSeen) read.ignoredSheets.push(sheet.name);
    else {
      carriersSeen = true;
      const parsed = parseCarrierRows(sheet.name || file.fileName, rows, { parkId: file.parkId, sourceId });
      read.carriers = parsed.carriers;
      read.problems.push(...parsed.problems);
    }
  }
  return read;
}

function withThresholds(park: Park, thresholds: ParsedThresholds, sourceId: string): Park {
  const next = { ...park.thresholds, ...thresholds.values };
  const evidence = thresholds.locator ? { source: sourceId, locator: thresholds.locator } : park.thresholds.evidence;
  return { ...park, thresholds: { ...next, evidence } };
}
