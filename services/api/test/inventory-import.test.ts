import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import t from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { auth, buildTestApp, KEYS, problemOf } from './support.ts';

const { app, database } = await buildTestApp(t);
await seedCatalog(database.db);
const admin = auth(KEYS.admin);

type Cell = string | number | null;

async function xlsx(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body with one part "file", as a browser or curl -F sends it. */
async function upload(url: string, fileName: string, content: Buffer, headers: Record<string, string> = admin) {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  return app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': request.headers.get('content-type')! }, payload });
}

const catalogVersion = async () => (await app.inject({ url: '/v1/catalog', headers: admin })).json().catalogVersion as number;
const parkDetail = async (id: string) => (await app.inject({ url: `/v1/parks/${id}`, headers: admin })).json();

const HEADER = ['载体编号', '载体类型', '载体名称', '面积', '面积单位', '租售方式', '状态', '价格', '价格单位'];
const inventory = {
  载体清单: [
    HEADER,
    ['sip-inv-b3', '标准厂房', '生物医药产业园 B3 栋', 3000, '平方米', '出租', '可租售', 45, '元/m2/月'],
    [null, '土地', '东区工业地块 12 号', '30亩', null, '出售', '规划中', null, null],
    [null, 'lab', '公共实验平台 5 层', '1,200', 'm2', '租售', 'available', null, null],
  ],
  门槛: [
    ['指标', '数值'],
    ['亩均税收', 50],
    ['亩均投资', null],
  ],
};

t.test('the template downloads, and imported as it is changes nothing', async (t) => {
  const response = await app.inject({ url: '/v1/catalog/inventory-template', headers: admin });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /spreadsheetml/);
  t.match(response.headers['content-disposition'], /attachment; filename="carrier-inventory-template.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(response.rawPayload).buffer);
  t.same(workbook.worksheets.map((sheet) => sheet.name), ['载体清单', '门槛', '说明']);
  t.same((workbook.getWorksheet('载体清单')!.getRow(1).values as Cell[]).slice(1), [...HEADER.slice(0, 5), '面积口径', ...HEADER.slice(5)]);
  const before = await catalogVersion();
  const imported = await upload('/v1/parks/sip/inventory', 'template.xlsx', response.rawPayload);
  t.equal(imported.statusCode, 200, imported.body);
  t.same(imported.json(), { parkId: 'sip', catalogVersion: before, carriers: [], thresholds: 'not-given', ignoredSheets: [] });
});

t.test('an inventory imports its carriers and thresholds, each change recorded; again, it changes nothing', async (t) => {
  const before = await catalogVersion();
  const file = await xlsx(inventory);
  const response = await upload('/v1/parks/sip/inventory', '园区载体清单.xlsx', file);
  t.equal(response.statusCode, 200, response.body);
  const result = response.json();
  t.equal(result.catalogVersion, before + 1, 'one catalog version for the whole import');
  t.same(result.carriers.map((c: { row: number; outcome: string }) => [c.row, c.outcome]), [[2, 'created'], [3, 'created'], [4, 'created']]);
  t.equal(result.thresholds, 'updated');
  const landId = result.carriers[1].id as string;
  t.match(landId, /^sip-inv-[0-9a-f]{10}$/, 'an id made from the name');

  const park = await parkDetail('sip');
  t.same(park.park.thresholds.minTaxPerMuWan, 50);
  t.equal(park.park.thresholds.evidence.source, 'inventory-sip');
  const byId = new Map(park.carriers.map((carrier: { id: string }) => [carrier.id, carrier]));
  t.match(byId.get('sip-inv-b3'), {
    type: 'standard-factory',
    label: '生物医药产业园 B3 栋',
    area: { value: 3000, unit: 'm2', qualifier: 'exact' },
    tenure: ['rent'],
    status: 'available',
    price: { value: 45, unit: '元/m2/月' },
    evidence: { source: 'inventory-sip', locator: '生物医药产业园 B3 栋' },
  });
  t.match(byId.get(landId), { type: 'land', area: { value: 30, unit: 'mu' }, tenure: ['sale'], status: 'planned', price: null });
  t.match(byId.get(result.carriers[2].id), { type: 'lab', area: { value: 1200, unit: 'm2' }, tenure: ['rent', 'sale'] });
  t.ok(park.sources.some((source: { id: string }) => source.id === 'inventory-sip'), 'the inventory is cited as a source');

  const changes = (await app.inject({ url: `/v1/catalog/changes?afterVersion=${before}`, headers: admin })).json().items;
  t.same(
    changes.map((change: { entity: string; action: string }) => `${change.entity}:${change.action}`).sort(),
    ['carriers:create', 'carriers:create', 'carriers:create', 'parks:update', 'sources:create'],
    'an audit entry per document changed',
  );
  t.ok(changes.every((change: { actor: string }) => change.actor !== 'seed'), 'recorded under the API key');

  const again = await upload('/v1/parks/sip/inventory', '园区载体清单.xlsx', file);
  t.equal(again.statusCode, 200);
  t.equal(again.json().catalogVersion, before + 1, 'no new version');
  t.same(again.json().carriers.map((c: { outcome: string }) => c.outcome), ['unchanged', 'unchanged', 'unchanged']);
  t.equal(again.json().thresholds, 'unchanged');
});

t.test('every problem of every sheet is listed by sheet, row and column, and nothing is written', async (t) => {
  const before = await catalogVersion();
  const carriersBefore = (await parkDetail('sip')).carriers.length;
  const file = await xlsx({
    载体清单: [
      [...HEADER, '备注'],
      ['good-one', '标准厂房', '好的一行', 100, '平方米', '出租', '可用', null, null, null],
      ['Bad Id', '厂', null, 30, null, '借用', '没谱', -5, null, null],
      ['good-one', '写字楼', '编号重复', null, null, null, null, null, null, null],
    ],
    门槛: [
      ['指标', '数值'],
      ['亩均产值', 10],
      ['亩均税收', '很多'],
    ],
  });
  const response = await upload('/v1/parks/sip/inventory', 'bad.xlsx', file);
  t.equal(response.statusCode, 422, response.body);
  const problem = problemOf(response);
  t.equal(problem.type, '/problems/inventory-invalid');
  const pointers = problem.errors!.map((error) => error.pointer);
  t.same(pointers, [
    '/载体清单/1/J',
    '/载体清单/3/B',
    '/载体清单/3/C',
    '/载体清单/3/E',
    '/载体清单/3/F',
    '/载体清单/3/G',
    '/载体清单/3/H',
    '/载体清单/4/A',
    '/门槛/2/A',
    '/门槛/3/B',
  ]);
  t.ok(problem.errors!.every((error) => error.location === 'file'));
  t.match(problem.errors![1]!.message, /^B3（载体类型）：“厂”不是可识别的载体类型/);
  t.match(problem.detail, /10 problem\(s\); nothing was written/);
  t.equal(await catalogVersion(), before, 'no catalog version');
  t.equal((await parkDetail('sip')).carriers.length, carriersBefore, 'no carrier written, not even the good row');
});

t.test('a schema problem of a well-formed row (an id that is not a slug) points at its cell', async (t) => {
  const file = await xlsx({ 载体清单: [HEADER.slice(0, 3), ['Not A Slug', '标准厂房', 'X 栋']] });
  const response = await upload('/v1/parks/sip/inventory', 'bad-id.xlsx', file);
  t.equal(response.statusCode, 422);
  t.same(problemOf(response).errors!.map((error) => error.pointer), ['/载体清单/2/A']);
});

t.test('csv works the same (carriers only)', async (t) => {
  const csv = `\uFEFF载体类型,载体名称,面积,面积单位\n孵化器,创新孵化中心 2 层,800,㎡\n`;
  const response = await upload('/v1/parks/sip/inventory', 'inventory.csv', Buffer.from(csv));
  t.equal(response.statusCode, 200, response.body);
  t.equal(response.json().carriers[0].outcome, 'created');
});

t.test('refusals: another role, an unknown park, another file type, no file', async (t) => {
  const file = await xlsx(inventory);
  t.equal((await upload('/v1/parks/sip/inventory', 'a.xlsx', file, auth(KEYS.crm))).statusCode, 403);
  t.equal((await upload('/v1/parks/no-such-park/inventory', 'a.xlsx', file)).statusCode, 404);
  const xls = await upload('/v1/parks/sip/inventory', 'a.xls', file);
  t.equal(xls.statusCode, 415);
  t.equal(problemOf(xls).type, '/problems/unsupported-file-type');
  const json = await app.inject({ method: 'POST', url: '/v1/parks/sip/inventory', headers: admin, payload: { file: 'a.xlsx' } });
  t.equal(json.statusCode, 415, 'a JSON body is not a file');
  const empty = new FormData();
  empty.append('other', new Blob(['x']), 'a.xlsx');
  const request = new Request('http://localhost/', { method: 'POST', body: empty });
  const noFile = await app.inject({
    method: 'POST',
    url: '/v1/parks/sip/inventory',
    headers: { ...admin, 'content-type': request.headers.get('content-type')! },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  t.equal(noFile.statusCode, 400);
  t.equal(problemOf(noFile).type, '/problems/file-missing');
  t.same(problemOf(noFile).errors!.map((error) => error.pointer), ['/file']);
});

t.test('the example inventory imports through the API and changes nothing: it states what the articles say', async (t) => {
  const file = await readFile(new URL('../../../examples/carrier-inventory-zhoushan-marine-complex.xlsx', import.meta.url));
  const before = await catalogVersion();
  const response = await upload('/v1/parks/zhoushan-marine-complex/inventory', 'carrier-inventory-zhoushan-marine-complex.xlsx', file);
  t.equal(response.statusCode, 200, response.body);
  t.equal(response.json().carriers.length, 5);
  t.ok(response.json().carriers.every((carrier: { outcome: string }) => carrier.outcome === 'unchanged'));
  t.equal(response.json().catalogVersion, before);
});
