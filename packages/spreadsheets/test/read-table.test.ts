import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import t from 'tap';
import ExcelJS from 'exceljs';
import { columnLetter, type FieldHeader, readHeader, type ReadRow, readSheets, readTable, valuesByField, writeTable } from '../src/index.ts';

const fields: FieldHeader[] = [
  { field: 'company.name', headers: ['企业名称', 'Company name'] },
  { field: 'land.area', headers: ['用地面积（亩）'] },
];

async function rowsOf(input: Readable, format: 'xlsx' | 'csv'): Promise<ReadRow[]> {
  const rows: ReadRow[] = [];
  for await (const row of readTable(input, format)) rows.push(row);
  return rows;
}

t.test('csv: rows with their numbers, blank cells null, blank rows skipped but counted', async (t) => {
  const text = '\uFEFF企业名称,用地面积（亩）\n 甲公司 ,30\n,\n乙公司,\n';
  const rows = await rowsOf(Readable.from([Buffer.from(text)]), 'csv');
  t.same(rows, [
    { rowNumber: 1, cells: ['企业名称', '用地面积（亩）'] },
    { rowNumber: 2, cells: ['甲公司', '30'] },
    { rowNumber: 4, cells: ['乙公司', null] },
  ]);
});

t.test('xlsx: what writeTable wrote reads back with numbers and dates typed', async (t) => {
  const output = new PassThrough();
  const bytes = buffer(output);
  const at = new Date('2026-12-01T00:00:00Z');
  await writeTable(
    [{ name: '甲公司', area: 30, at }],
    [
      { header: '企业名称', value: (row) => row.name },
      { header: '用地面积（亩）', value: (row) => row.area },
      { header: 'at', value: (row) => row.at },
    ],
    'xlsx',
    output,
    { sheetName: 'Sheet1' },
  );
  const rows = await rowsOf(Readable.from([await bytes]), 'xlsx');
  t.same(rows, [
    { rowNumber: 1, cells: ['企业名称', '用地面积（亩）', 'at'] },
    { rowNumber: 2, cells: ['甲公司', 30, at] },
  ]);
});

t.test('a header maps columns to fields by Chinese or English name; others are problems', async (t) => {
  const header = readHeader({ rowNumber: 1, cells: ['Company Name', '用地面积（亩）', '备注', '企业名称'] }, fields);
  t.same(header.problems, [
    { column: 'C', header: '备注', problem: 'unknown' },
    { column: 'D', header: '企业名称', problem: 'repeated' },
  ]);
  const values = valuesByField({ rowNumber: 2, cells: ['甲公司', null, 'x', '乙公司'] }, header);
  t.same([...values.keys()], ['company.name']);
  t.same(values.get('company.name'), { value: '甲公司', at: { field: 'company.name', column: 'A', header: 'Company Name' } });
  t.same([0, 25, 26, 51, 52, 701, 702].map(columnLetter), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
});

t.test('xlsx: each worksheet by name, in order', async (t) => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('载体').addRows([['名称'], ['A 栋']]);
  workbook.addWorksheet('门槛').addRows([['指标', '数值'], ['亩均税收', 50]]);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const sheets: { name: string; rows: ReadRow[] }[] = [];
  for await (const sheet of readSheets(Readable.from([bytes]), 'xlsx')) {
    const rows: ReadRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.push({ name: sheet.name, rows });
  }
  t.same(sheets, [
    { name: '载体', rows: [{ rowNumber: 1, cells: ['名称'] }, { rowNumber: 2, cells: ['A 栋'] }] },
    { name: '门槛', rows: [{ rowNumber: 1, cells: ['指标', '数值'] }, { rowNumber: 2, cells: ['亩均税收', 50] }] },
  ]);
});

t.test('xlsx: Chinese text survives characters split across the stream chunks of a large sheet', async (t) => {
  const names = Array.from({ length: 4000 }, (_, i) => `苏州研发${i}号精密机械有限公司，生产、研发、中试`);
  const output = new PassThrough();
  const bytes = buffer(output);
  await writeTable(names, [{ header: '企业名称', value: (name: string) => name }], 'xlsx', output, { sheetName: '线索' });
  const read: string[] = [];
  for await (const row of readTable(Readable.from(await bytes), 'xlsx')) read.push(String(row.cells[0]));
  t.equal(read.filter((text) => text.includes('\ufffd')).length, 0, 'no replacement character');
  t.same(read.slice(1), names);
});
