import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { TableFormat } from './formats.ts';

export type CellValue = string | number | boolean | Date | null;

export interface Column<Row> {
  header: string;
  /** Column width in characters (xlsx only). */
  width?: number;
  value: (row: Row) => CellValue;
}

/** A small sheet written whole after the table (notes on the columns, a legend), its first row bold. */
export interface ExtraSheet {
  name: string;
  rows: CellValue[][];
  /** Column widths in characters. */
  widths?: number[];
}

export interface TableOptions {
  /** The worksheet's name (xlsx only). */
  sheetName: string;
  /** More sheets after the table's (xlsx only; a csv has one table). */
  extraSheets?: ExtraSheet[];
}

/**
 * Writes rows to `output` as one table, a row at a time, so memory stays bounded whatever the number
 * of rows: xlsx through exceljs's streaming writer (each row committed as written), csv with a byte
 * order mark so that spreadsheet programs read its Chinese as UTF-8. Resolves once `output` has
 * all the bytes; ends `output`.
 */
export async function writeTable<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  columns: Column<Row>[],
  format: TableFormat,
  output: Writable,
  options: TableOptions,
): Promise<void> {
  if (format === 'csv') await writeCsv(rows, columns, output);
  else await writeXlsx(rows, columns, output, options);
}

async function writeXlsx<Row>(rows: AsyncIterable<Row> | Iterable<Row>, columns: Column<Row>[], output: Writable, options: TableOptions) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? Math.max(10, column.header.length * 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) sheet.addRow(columns.map((column) => column.value(row))).commit();
  sheet.commit();
  for (const extra of options.extraSheets ?? []) {
    const notes = workbook.addWorksheet(extra.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    if (extra.widths) notes.columns = extra.widths.map((width) => ({ width }));
    extra.rows.forEach((cells, index) => {
      const row = notes.addRow(cells);
      if (index === 0) row.font = { bold: true };
      row.alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    });
    notes.commit();
  }
  await workbook.commit();
}

async function writeCsv<Row>(rows: AsyncIterable<Row> | Iterable<Row>, columns: Column<Row>[], output: Writable) {
  const csv = stringify({ bom: true, cast: { date: (value) => value.toISOString(), boolean: (value) => (value ? 'true' : 'false') } });
  csv.pipe(output);
  const finished = new Promise<void>((resolve, reject) => {
    output.once('finish', resolve);
    output.once('error', reject);
    csv.once('error', reject);
  });
  // Awaited once the rows are written; when reading them fails first, that failure is the one reported.
  finished.catch(() => {});
  try {
    await write(csv, columns.map((column) => column.header), output);
    for await (const row of rows) await write(csv, columns.map((column) => column.value(row) ?? ''), output);
  } catch (error) {
    csv.unpipe(output);
    csv.destroy();
    throw error;
  }
  csv.end();
  await finished;
}

/**
 * Writes one record, waiting for the stream to drain when its buffer is full; fails when `output`
 * is closed meanwhile (a client that went away), rather than waiting for ever.
 */
async function write(csv: Writable, record: unknown[], output: Writable): Promise<void> {
  if (output.destroyed) throw new Error('the output was closed before the last row');
  if (csv.write(record)) return;
  await new Promise<void>((resolve, reject) => {
    const closed = () => {
      csv.off('drain', drained);
      reject(new Error('the output was closed before the last row'));
    };
    const drained = () => {
      output.off('close', closed);
      resolve();
    };
    csv.once('drain', drained);
    output.once('close', closed);
  });
}
