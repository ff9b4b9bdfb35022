import type { FieldError } from '@leadmatch/domain';
import type { ReadCell } from '@leadmatch/spreadsheets';

/** A problem with one cell (or, with column '', one row) of an uploaded inventory. */
export interface CellProblem {
  sheet: string;
  row: number;
  column: string;
  header: string;
  /** Chinese, then English. */
  message: string;
}

/** As an RFC 9457 field error: the pointer is /<sheet>/<row>/<column>, the message names the cell. */
export function toFieldError(problem: CellProblem): FieldError {
  const cell = `${problem.column}${problem.row}`;
  const where = problem.header ? `${cell}（${problem.header}）` : `第 ${problem.row} 行 · row ${problem.row}`;
  return {
    pointer: `/${encodePointerPart(problem.sheet)}/${problem.row}${problem.column ? `/${problem.column}` : ''}`,
    location: 'file',
    message: `${where}：${problem.message}`,
  };
}

const encodePointerPart = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');

export const textOf = (cell: Exclude<ReadCell, null>): string => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();

/** A number written as a number, or as text with thousands separators and perhaps a unit after it (30亩, 3,000 ㎡). */
export function numberOf(cell: Exclude<ReadCell, null>): { value: number; unit: string | null } | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell, unit: null } : undefined;
  if (typeof cell !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(cell.replace(/[,，]/g, '').trim());
  if (!match) return undefined;
  return { value: Number(match[1]), unit: match[2] ? match[2] : null };
}
