import type { Writable } from 'node:stream';
import { columnLetter, writeTable, type CellValue, type Column } from '@leadmatch/spreadsheets';
import { LEDGER_COLUMNS } from './columns.ts';
import type { LedgerReport, RowReport, RowResult } from './import.ts';
import type { LedgerProblem } from './rows.ts';

const RESULT_ZH: Record<RowResult, string> = { created: '新建', updated: '已更新', unchanged: '未变', duplicate: '重复', rejected: '未导入' };

const problemText = (problem: LedgerProblem, language: 'zh' | 'en') => {
  const where = `${problem.column}${problem.header && `「${problem.header}」`}`;
  return `${where ? `${where}: ` : ''}${problem[language]}`;
};

const REPORT_COLUMNS: Column<RowReport>[] = [
  { header: '行号 Row', width: 10, value: (row) => row.row },
  { header: '结果 Result', width: 14, value: (row) => `${RESULT_ZH[row.result]} ${row.result}` },
  { header: '线索编号 Lead id', width: 38, value: (row) => row.leadId },
  { header: '重复依据 Matched by', width: 18, value: (row) => row.matchedBy },
  { header: '问题 Problems', width: 60, value: (row) => row.problems.map((problem) => problemText(problem, 'zh')).join('\n') || null },
  { header: 'Problems (English)', width: 60, value: (row) => row.problems.map((problem) => problemText(problem, 'en')).join('\n') || null },
];

/** The report as a workbook: one row per data row (row, result, lead, problems), then the totals on a second sheet. */
export async function writeReportWorkbook(report: LedgerReport, output: Writable): Promise<void> {
  const totals: CellValue[][] = [['结果 Result', '行数 Rows'], ...Object.entries(report.totals).map(([result, count]) => [result === 'rows' ? '合计 rows' : `${RESULT_ZH[result as RowResult]} ${result}`, count])];
  await writeTable(report.rows, REPORT_COLUMNS, 'xlsx', output, { sheetName: '导入结果', extraSheets: [{ name: '合计 Totals', rows: totals, widths: [18, 10] }] });
}

/** The lead columns with their Chinese headers, for the template and for ledgers written by scripts. */
export function ledgerColumns<Row>(value: (row: Row, path: string) => CellValue): Column<Row>[] {
  return LEDGER_COLUMNS.map((column) => ({ header: column.zh, width: Math.max(12, column.zh.length * 2 + 4), value: (row: Row) => value(row, column.path) }));
}

/**
 * The template: the data sheet has the Chinese headers and no row (importing it as it is imports
 * nothing); a second sheet explains every column, with an example value.
 */
export async function writeLedgerTemplate(output: Writable): Promise<void> {
  const notes: CellValue[][] = [
    ['列 Column', '表头 Header', '英文表头 English header', '必填 Required', '说明', 'Notes', '示例 Example'],
    ...LEDGER_COLUMNS.map((column, index) => [
      columnLetter(index),
      column.zh,
      column.path,
      column.required ? '是 yes' : '否 no',
      column.noteZh,
      column.noteEn,
      column.example,
    ]),
    [],
    ['每行一条线索；表头可用中文或英文（英文即 POST /v1/leads 的字段路径）。示例列仅作参考，不要把说明页导入。'],
    ['One lead per row; headers in Chinese or English (the field paths of POST /v1/leads). The examples are for reference only.'],
  ];
  await writeTable([], ledgerColumns<never>(() => null), 'xlsx', output, {
    sheetName: '线索台账',
    extraSheets: [{ name: '填写说明 Notes', rows: notes, widths: [8, 18, 20, 10, 50, 50, 24] }],
  });
}
