import type { ReadCell, ReadRow } from './read-table.ts';

/** A field a table may carry, and the header texts that name it (compared without case or spaces). */
export interface FieldHeader {
  field: string;
  headers: string[];
}

export interface HeaderColumn {
  field: string;
  /** The column's letter as a spreadsheet program shows it: A, B, …, AA. */
  column: string;
  header: string;
}

export interface HeaderProblem {
  column: string;
  header: string;
  problem: 'unknown' | 'repeated';
}

export interface Header {
  columns: (HeaderColumn | undefined)[];
  problems: HeaderProblem[];
}

const normalized = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Maps each header cell to the field it names; unknown and repeated headers are problems. */
export function readHeader(row: ReadRow, fields: FieldHeader[]): Header {
  const byName = new Map(fields.flatMap(({ field, headers }) => [field, ...headers].map((name) => [normalized(name), field] as const)));
  const seen = new Set<string>();
  const problems: HeaderProblem[] = [];
  const columns = row.cells.map((cell, index): HeaderColumn | undefined => {
    if (cell === null) return undefined;
    const header = String(cell);
    const field = byName.get(normalized(header));
    const column = columnLetter(index);
    if (!field) problems.push({ column, header, problem: 'unknown' });
    else if (seen.has(field)) problems.push({ column, header, problem: 'repeated' });
    else {
      seen.add(field);
      return { field, column, header };
    }
    return undefined;
  });
  return { columns, problems };
}

/** The row's values by field; blank cells and columns without a field are left out. */
export function valuesByField(row: ReadRow, header: Header): Map<string, { value: Exclude<ReadCell, null>; at: HeaderColumn }> {
  const values = new Map<string, { value: Exclude<ReadCell, null>; at: HeaderColumn }>();
  row.cells.forEach((value, index) => {
    const at = header.columns[index];
    if (at && value !== null) values.set(at.field, { value, at });
  });
  return values;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
