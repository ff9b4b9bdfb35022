/** A line of a summary: a label, then figures (aligned right, column by column) and words (aligned left). */
export type SummaryRow = readonly [label: string, ...cells: (string | number)[]];

/** "4.2 s" under a minute, "3 min 07 s" from a minute on. */
export function formatElapsed(ms: number): string {
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

const text = (cell: string | number) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell);

/**
 * Each column's width for figures (all of them) and for padding: a row's last cell widens its column
 * only when it is a figure, as nothing follows it on its line.
 */
function columnWidths(rows: readonly SummaryRow[]): { figures: number[]; columns: number[] } {
  const figures: number[] = [];
  const columns: number[] = [];
  const widen = (widths: number[], column: number, cell: string | number) => (widths[column] = Math.max(widths[column] ?? 0, text(cell).length));
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (typeof cell === 'number') widen(figures, column, cell);
      if (typeof cell === 'number' || column < row.length - 1) widen(columns, column, cell);
    });
  }
  return { figures, columns };
}

/** The title with the elapsed time, then the rows indented with their columns aligned. */
export function formatSummary(title: string, rows: readonly SummaryRow[], elapsedMs: number): string {
  const { figures, columns } = columnWidths(rows);
  const line = (row: SummaryRow) =>
    row
      .map((cell, column) => (typeof cell === 'number' ? text(cell).padStart(figures[column]!) : cell).padEnd(columns[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [`${title} in ${formatElapsed(elapsedMs)}`, ...rows.map((row) => `  ${line(row)}`)].join('\n');
}

/** Prints the closing summary on stdout, timed from the start of the process. */
export function summary(title: string, rows: readonly SummaryRow[]): void {
  process.stdout.write(`${formatSummary(title, rows, performance.now())}\n`);
}
