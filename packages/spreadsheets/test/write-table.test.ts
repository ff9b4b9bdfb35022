import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import t from 'tap';
import { type Column, formatForAccept, formatOfFileName, writeTable } from '../src/index.ts';

interface Park {
  name: string;
  score: number | null;
  at: Date;
}

const columns: Column<Park>[] = [
  { header: '园区 park', value: (park) => park.name },
  { header: 'score', value: (park) => park.score },
  { header: 'at', value: (park) => park.at },
];
const parks: Park[] = [
  { name: '苏州工业园区, "SIP"', score: 0.91, at: new Date('2026-12-01T08:00:00Z') },
  { name: '张江科学城', score: null, at: new Date('2026-12-02T08:00:00Z') },
];

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

t.test('xlsx: a header row, then one row per item, read back by exceljs', async (t) => {
  const output = new PassThrough();
  const bytes = buffer(output);
  await writeTable(slowly(parks), columns, 'xlsx', output, { sheetName: '线索' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await bytes).buffer);
  const sheet = workbook.getWorksheet('线索')!;
  t.same(sheet.getRow(1).values, [undefined, '园区 park', 'score', 'at']);
  t.equal(sheet.getCell('A2').value, '苏州工业园区, "SIP"');
  t.equal(sheet.getCell('B2').value, 0.91);
  t.same(sheet.getCell('C2').value, parks[0]!.at);
  t.equal(sheet.getCell('B3').value, null, 'null stays an empty cell');
  t.equal(sheet.rowCount, 3);
});

t.test('csv: UTF-8 with a byte order mark, quoted where needed, empty for null', async (t) => {
  const output = new PassThrough();
  const bytes = buffer(output);
  await writeTable(parks, columns, 'csv', output, { sheetName: 'unused' });
  const text = (await bytes).toString('utf8');
  t.ok(text.startsWith('\uFEFF'), 'byte order mark first');
  const records = parse(text, { bom: true }) as string[][];
  t.same(records, [
    ['园区 park', 'score', 'at'],
    ['苏州工业园区, "SIP"', '0.91', '2026-12-01T08:00:00.000Z'],
    ['张江科学城', '', '2026-12-02T08:00:00.000Z'],
  ]);
});

t.test('the format an Accept header or a file name asks for', async (t) => {
  t.equal(formatForAccept(undefined), 'xlsx');
  t.equal(formatForAccept('*/*'), 'xlsx');
  t.equal(formatForAccept('text/csv'), 'csv');
  t.equal(formatForAccept('text/csv;q=0.9, application/json'), 'csv');
  t.equal(formatForAccept('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/csv'), 'xlsx');
  t.equal(formatForAccept('text/csv;q=0.5, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 'xlsx');
  t.equal(formatForAccept('text/csv;q=0'), 'xlsx');
  t.equal(formatOfFileName('台账.XLSX'), 'xlsx');
  t.equal(formatOfFileName('ledger.csv'), 'csv');
  t.equal(formatOfFileName('ledger.xls'), undefined);
});

t.test('xlsx: extra sheets follow the table, their first row bold', async (t) => {
  const output = new PassThrough();
  const bytes = buffer(output);
  await writeTable(parks, columns, 'xlsx', output, { sheetName: 'parks', extraSheets: [{ name: '说明', rows: [['列', 'note'], ['园区 park', '名称']], widths: [10, 30] }] });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await bytes).buffer);
  t.same(workbook.worksheets.map((sheet) => sheet.name), ['parks', '说明']);
  const notes = workbook.getWorksheet('说明')!;
  t.same(notes.getRow(2).values, [undefined, '园区 park', '名称']);
  t.equal(notes.getRow(1).font?.bold, true);
});
