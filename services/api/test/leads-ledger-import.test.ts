import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { writeTable, type CellValue, type TableFormat } from '@leadmatch/spreadsheets';
import { auth, buildTestApp, KEYS, post, problemOf, randomCreditCode, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const { db } = database;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Row = Record<string, CellValue>;

/** A ledger file with these headers (Chinese or English) and rows of cells by header. */
async function ledger(headers: string[], rows: Row[], format: TableFormat = 'xlsx'): Promise<Buffer> {
  const output = new PassThrough();
  const bytes = buffer(output);
  await writeTable(rows, headers.map((header) => ({ header, value: (row: Row) => row[header] ?? null })), format, output, { sheetName: '线索台账' });
  return bytes;
}

function upload(app: FastifyInstance, file: Buffer, filename = 'ledger.xlsx', headers: Record<string, string> = {}, mimetype = XLSX) {
  const boundary = `----ledger${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mimetype}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/v1/leads/imports',
    headers: { ...auth(KEYS.crm), 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
    payload,
  });
}

const CHINESE = ['外部编号', '企业名称', '统一社会信用代码', '联系人', '联系电话', '行业', '用途', '用地面积', '预计年税收', '意向区域'];

function chineseRow(externalId: string | null, overrides: Row = {}): Row {
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    外部编号: externalId,
    企业名称: `苏州台账测试精密机械有限公司 ${suffix}`,
    统一社会信用代码: randomCreditCode(),
    联系人: '王先生',
    联系电话: '13800000000',
    行业: '精密零部件加工',
    用途: '生产，研发',
    用地面积: 30,
    预计年税收: 800,
    意向区域: '苏州、昆山',
    ...overrides,
  };
}

const counts = async () => ({
  leads: Number((await db.selectFrom('leads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  requests: Number((await db.selectFrom('match_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

t.test('rows are created, then uploading the same file again changes nothing', async (t) => {
  const run = Math.random().toString(36).slice(2, 8);
  const rows = [chineseRow(`A-${run}-1`), chineseRow(`A-${run}-2`, { 用地面积: null }), chineseRow(null)];
  const file = await ledger(CHINESE, rows);
  const first = await upload(app, file);
  t.equal(first.statusCode, 200, first.body);
  const report = first.json();
  t.same(report.totals, { rows: 3, created: 3, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 });
  t.same(report.rows.map((row: { row: number }) => row.row), [2, 3, 4]);
  const lead = await app.inject({ method: 'GET', url: `/v1/leads/${report.rows[0].leadId}`, headers: auth(KEYS.crm) });
  t.match(lead.json(), {
    externalId: `A-${run}-1`,
    contact: { name: '王先生', phone: '+8613800000000' },
    uses: ['production', 'rnd'],
    land: { mu: 30 },
    annualTax: { wanCny: 800 },
    regions: ['苏州', '昆山'],
  });

  const before = await counts();
  const again = await upload(app, file);
  t.same(again.json().totals, { rows: 3, created: 0, updated: 0, unchanged: 2, duplicate: 1, rejected: 0 });
  t.same(again.json().rows.map((row: { leadId: string }) => row.leadId), report.rows.map((row: { leadId: string }) => row.leadId));
  t.equal(again.json().rows[2].matchedBy, 'creditCode');
  t.same(await counts(), before, 'no lead and no match request was added');
});

t.test('a changed row of a known external id is updated and matched again; a known company is a duplicate', async (t) => {
  const existing = validLead();
  const posted = (await post(app, existing)).json();
  const run = Math.random().toString(36).slice(2, 8);
  const row = chineseRow(`B-${run}`);
  await upload(app, await ledger(CHINESE, [row]));
  const before = await counts();
  const changed = { ...row, 行业: '新能源汽车零部件' };
  const duplicate = chineseRow(null, { 统一社会信用代码: existing.company.creditCode });
  const response = await upload(app, await ledger(CHINESE, [changed, duplicate]));
  t.same(response.json().totals, { rows: 2, created: 0, updated: 1, unchanged: 0, duplicate: 1, rejected: 0 });
  t.match(response.json().rows[1], { result: 'duplicate', leadId: posted.id, matchedBy: 'creditCode' });
  t.same(await counts(), { leads: before.leads, requests: before.requests + 1 });
});

t.test('a bad row is rejected with every problem by row, column and header; the good rows are imported', async (t) => {
  const run = Math.random().toString(36).slice(2, 8);
  const bad = chineseRow(`C-${run}-bad`, { 企业名称: null, 联系电话: '12345', 统一社会信用代码: '91320000XXXXXXXXX1', 用途: '生产，种地', 用地面积: '三十' });
  const badClass = chineseRow(`C-${run}-class`, { 行业代码: 'C3440' });
  const headers = [...CHINESE, '行业代码'];
  const before = await counts();
  const response = await upload(app, await ledger(headers, [chineseRow(`C-${run}-good`), bad, badClass]));
  t.equal(response.statusCode, 200);
  const { totals, rows } = response.json();
  t.same(totals, { rows: 3, created: 1, updated: 0, unchanged: 0, duplicate: 0, rejected: 2 });
  t.equal(rows[1].row, 3);
  t.equal(rows[1].leadId, null);
  const problems = rows[1].problems as { column: string; header: string; field: string; zh: string; en: string }[];
  t.same(problems.map((problem) => `${problem.column} ${problem.header} ${problem.field}`).sort(), [
    'B 企业名称 company.name',
    'C 统一社会信用代码 company.creditCode',
    'E 联系电话 contact.phone',
    'G 用途 uses',
    'H 用地面积 land.area',
  ]);
  t.match(problems.find((problem) => problem.field === 'uses'), { zh: /生产（production）/, en: /must be one of/ });
  t.match(problems.find((problem) => problem.field === 'contact.phone'), { zh: /手机号/, en: /mobile number/ });
  t.match(rows[2].problems, [{ column: 'K', header: '行业代码', field: 'industryCode', zh: /C3440/, en: /GB\/T 4754/ }]);
  t.same(await counts(), { leads: before.leads + 1, requests: before.requests + 1 }, 'only the good row wrote');
});

t.test('English headers, a csv file, and list separators of either language', async (t) => {
  const run = Math.random().toString(36).slice(2, 8);
  const headers = ['externalId', 'company.name', 'contact.name', 'contact.phone', 'industry', 'uses', 'building.area', 'building.tenure', 'policyInterests'];
  const row = {
    externalId: `D-${run}`,
    'company.name': `Kunshan Ledger Optics ${run}`,
    'contact.name': 'Li Na',
    'contact.phone': '139 0000 0000',
    industry: 'optical lenses',
    uses: 'rnd, office',
    'building.area': '2,000',
    'building.tenure': '租赁',
    policyInterests: '人才；subsidy',
  };
  const response = await upload(app, await ledger(headers, [row], 'csv'), 'ledger.csv', {}, 'text/csv');
  t.equal(response.statusCode, 200, response.body);
  t.equal(response.json().totals.created, 1, JSON.stringify(response.json().rows));
  const lead = (await app.inject({ method: 'GET', url: `/v1/leads/${response.json().rows[0].leadId}`, headers: auth(KEYS.crm) })).json();
  t.match(lead, { uses: ['rnd', 'office'], building: { m2: 2000, tenure: 'rent' }, policyInterests: ['talent', 'subsidy'] });
});

t.test('header problems refuse the whole file with 422, naming each cell', async (t) => {
  const before = await counts();
  const response = await upload(app, await ledger(['企业名称', '联系人', '联系电话', '电话号码', '联系人', '行业'], [{ 企业名称: 'x' }]));
  t.equal(response.statusCode, 422);
  const problem = problemOf(response);
  t.equal(problem.type, '/problems/ledger-header-invalid');
  t.same(problem.errors!.map((error) => error.pointer), ['/D1', '/E1', '/']);
  t.match(problem.errors, [{ location: 'file', message: /电话号码.*unknown column/ }, { message: /repeats/ }, { message: /用途.*uses/ }]);
  t.same(await counts(), before);
  const empty = await upload(app, Buffer.from(''), 'empty.csv', {}, 'text/csv');
  t.equal(empty.statusCode, 422);
});

t.test('a .csv saved as GBK (ANSI) is refused with a hint to save it as UTF-8, never stored garbled', async (t) => {
  const gbk = (hex: string) => Buffer.from(hex, 'hex');
  const header = await upload(app, Buffer.concat([gbk('c6f3d2b5c3fbb3c6'), Buffer.from(',contact.name\nx,y\n')]), 'gbk.csv', {}, 'text/csv');
  t.equal(header.statusCode, 422);
  t.match(problemOf(header).errors, [{ pointer: '/A1', message: /CSV UTF-8/ }]);
  const csv = Buffer.concat([
    Buffer.from(`company.name,contact.name,contact.phone,industry,uses\nGBK Test ${Math.random()},`),
    gbk('cdf5cfc8c9fa'),
    Buffer.from(',13800000000,machinery,production\n'),
  ]);
  const rows = await upload(app, csv, 'gbk.csv', {}, 'text/csv');
  t.match(rows.json(), { totals: { rejected: 1 }, rows: [{ problems: [{ column: 'B', field: 'contact.name', en: /CSV UTF-8/ }] }] });
});

t.test('a file that is not .xlsx or .csv is 415; no file is 400; a damaged xlsx is 422', async (t) => {
  const xls = await upload(app, Buffer.from('not really'), 'ledger.xls', {}, 'application/vnd.ms-excel');
  t.equal(xls.statusCode, 415);
  t.equal(problemOf(xls).type, '/problems/unsupported-file-type');
  const image = await upload(app, Buffer.from('x'), 'ledger.xlsx', {}, 'image/png');
  t.equal(image.statusCode, 415);
  const json = await app.inject({ method: 'POST', url: '/v1/leads/imports', headers: auth(KEYS.crm), payload: { file: 'x' } });
  t.equal(json.statusCode, 415);
  const boundary = 'nofile';
  const none = await app.inject({
    method: 'POST',
    url: '/v1/leads/imports',
    headers: { ...auth(KEYS.crm), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
  });
  t.equal(none.statusCode, 400);
  t.equal(problemOf(none).type, '/problems/file-missing');
  const damaged = await upload(app, Buffer.from('this is no zip archive'), 'ledger.xlsx');
  t.equal(damaged.statusCode, 422);
  t.equal(problemOf(damaged).type, '/problems/ledger-unreadable');
  const staffOnly = await upload(app, Buffer.from(''), 'ledger.csv', auth('nope'));
  t.equal(staffOnly.statusCode, 401);
});

t.test('with Accept naming xlsx, the report is a workbook', async (t) => {
  const run = Math.random().toString(36).slice(2, 8);
  const response = await upload(app, await ledger(CHINESE, [chineseRow(`E-${run}`), chineseRow(`E-${run}-bad`, { 联系电话: 'x' })]), 'ledger.xlsx', { accept: XLSX });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
  const sheet = workbook.worksheets[0]!;
  t.same(sheet.getRow(1).values, [undefined, '行号 Row', '结果 Result', '线索编号 Lead id', '重复依据 Matched by', '问题 Problems', 'Problems (English)']);
  t.match(sheet.getRow(2).values, [undefined, 2, '新建 created', /^[0-9a-f-]{36}$/]);
  t.match(sheet.getRow(3).values, [undefined, 3, '未导入 rejected', undefined, undefined, /^E「联系电话」: /, /^E「联系电话」: must be a mainland/]);
  t.match(workbook.worksheets[1]!.getRow(2).values, [undefined, '合计 rows', 2]);
});

t.test('the template has the Chinese headers and no row; importing it as it is imports nothing', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/v1/leads/imports/template', headers: auth(KEYS.crm) });
  t.equal(response.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
  const [data, notes] = workbook.worksheets;
  t.match(data!.getRow(1).values, [undefined, '外部编号', '企业名称', '统一社会信用代码', '联系人', '联系电话']);
  t.equal(data!.actualRowCount, 1);
  t.match(notes!.getRow(3).values, [undefined, 'B', '企业名称', 'company.name', '是 yes']);
  const imported = await upload(app, response.rawPayload, 'template.xlsx');
  t.same(imported.json().totals, { rows: 0, created: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 });
});

t.test('the example ledger imports through the API, every row created; uploaded again, every row unchanged', async (t) => {
  const file = await readFile(new URL('../../../examples/lead-ledger.xlsx', import.meta.url));
  const first = await upload(app, file, 'lead-ledger.xlsx');
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json().totals, { rows: 20, created: 20, rejected: 0 });
  const before = await counts();
  const again = await upload(app, file, 'lead-ledger.xlsx');
  t.match(again.json().totals, { rows: 20, unchanged: 20, created: 0, updated: 0 });
  t.same(await counts(), before, 'no lead and no match request added');
});
