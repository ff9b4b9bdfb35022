export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Printed under the table. */
  notes?: string[];
  /** How many leading columns are text, aligned left (default 1); the rest are figures, aligned right. */
  textColumns?: number;
}

/** Width on a terminal: CJK and other wide characters take two columns. */
function width(text: string): number {
  let total = 0;
  for (const char of text) total += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return total;
}

const pad = (text: string, size: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
};

/** Renders a table as aligned text. */
export function renderTable(table: Table): string {
  const all = [table.headers, ...table.rows];
  const sizes = table.headers.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  const textColumns = table.textColumns ?? 1;
  const line = (row: string[]) => `  ${row.map((cell, column) => pad(cell, sizes[column]!, column >= textColumns)).join('  ')}`;
  const rule = `  ${sizes.map((size) => '─'.repeat(size)).join('  ')}`;
  return [
    '',
    table.title,
    line(table.headers),
    rule,
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n');
}

/** Numbers for tables: thousands separated, at most `decimals` decimals; "–" for a missing value. */
export function num(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
}

/** Milliseconds as "3.21 ms", "48.2 ms", or from 10 s on "12.3 s". */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (value >= 10_000) return `${num(value / 1000, 1)} s`;
  return `${num(value, value < 1 ? 3 : value < 10 ? 2 : 1)} ms`;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${num(value * 100, 1)} %`;
}
