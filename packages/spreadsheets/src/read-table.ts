import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { TableFormat } from './formats.ts';

/**
 * exceljs 4.4's streaming reader decodes each chunk of a sheet's XML to text on its own, so a
 * character whose UTF-8 bytes straddle two chunks (one in a few thousand rows of Chinese) becomes
 * U+FFFD twice: 研发 read as ���发 (exceljs issues #2063, #2084, #2316; unfixed upstream). Its
 * parser takes text chunks as they are, so the sheets and the shared strings are given to it
 * decoded by a StringDecoder, which carries a split character over to the next chunk.
 */
interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): Generator;
  _parseSharedStrings(entry: Readable): AsyncGenerator;
}

async function* decodedUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

const reader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
const parseWorksheet = reader._parseWorksheet;
const parseSharedStrings = reader._parseSharedStrings;
reader._parseWorksheet = function (this: ReaderInternals, iterator, sheetNo) {
  return parseWorksheet.call(this, decodedUtf8(iterator), sheetNo);
};
reader._parseSharedStrings = function (this: ReaderInternals, entry) {
  entry.setEncoding('utf8');
  return parseSharedStrings.call(this, entry);
};

/** A cell as read: text (trimmed, never empty), a number, a date, a boolean, or null when blank. */
export type ReadCell = string | number | Date | boolean | null;

export interface ReadRow {
  /** The row's number as a spreadsheet program shows it (the header is row 1). */
  rowNumber: number;
  cells: ReadCell[];
}

export interface ReadSheet {
  /** The worksheet's name; empty for a csv file. */
  name: string;
  rows: AsyncGenerator<ReadRow>;
}

/**
 * The rows of the first worksheet (xlsx) or of the file (csv), header row included, one at a time
 * as the input streams in: nothing but the current row is held. Rows with no value at all are left
 * out; their numbers are not reused, so a report can name the row a desk sees.
 */
export async function* readTable(input: Readable, format: TableFormat): AsyncGenerator<ReadRow> {
  for await (const sheet of readSheets(input, format)) {
    yield* sheet.rows;
    return;
  }
}

/** Each worksheet in turn (a csv file is one, unnamed); read a sheet's rows before asking for the next sheet. */
export async function* readSheets(input: Readable, format: TableFormat): AsyncGenerator<ReadSheet> {
  if (format === 'csv') {
    yield { name: '', rows: withValues(csvRows(input)) };
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  for await (const worksheet of workbook) {
    const { name } = worksheet as unknown as { name: string };
    yield { name, rows: withValues(xlsxRows(worksheet as AsyncIterable<ExcelJS.Row>)) };
  }
}

async function* withValues(rows: AsyncIterable<ReadRow>): AsyncGenerator<ReadRow> {
  for await (const row of rows) if (row.cells.some((cell) => cell !== null)) yield row;
}

async function* csvRows(input: Readable): AsyncGenerator<ReadRow> {
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let rowNumber = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1;
    yield { rowNumber, cells: record.map(textCell) };
  }
}

async function* xlsxRows(worksheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<ReadRow> {
  for await (const row of worksheet) {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    yield { rowNumber: row.number, cells: Array.from(values, xlsxCell) };
  }
}

function textCell(value: string): ReadCell {
  const text = value.trim();
  return text === '' ? null : text;
}

/** Formulas give their result, rich text its plain text, hyperlinks their text. */
function xlsxCell(value: ExcelJS.CellValue | undefined): ReadCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
  if ('richText' in value) return textCell(value.richText.map((part) => part.text).join(''));
  if ('text' in value) return textCell(String(value.text));
  return null;
}
