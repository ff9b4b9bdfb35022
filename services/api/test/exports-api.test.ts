import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { followUpRunListener } from '@leadmatch/followups';
import { runMatchRequest } from '@leadmatch/matching';
import { MEDIA_TYPES, readTable, type ReadCell, type TableFormat } from '@leadmatch/spreadsheets';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

/**
 * GET /v1/leads/export and GET /v1/follow-ups/export, read back as a desk would open them. Runs on
 * real Postgres (DATABASE_URL) and on PGlite (without it). Pages of 2 rows, so every export crosses
 * several internal pages.
 */
const { app, database } = await buildTestApp(t, { exportPageSize: 2 });
const { db } = database;
await seedCatalog(db);
const catalogs = new CatalogCache(db);
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const crm = auth(KEYS.crm);
const staff = auth(KEYS.staff);
const admin = auth(KEYS.admin);

const officer = (await app.inject({ method: 'POST', url: '/v1/staff', headers: admin, payload: { name: '专员乙', role: 'officer', active: true } })).json();

async function matchLead(leadId: string) {
  const request = await db.selectFrom('match_requests').select('id').where('lead_id', '=', leadId).where('completed_at', 'is', null).executeTakeFirstOrThrow();
  await runMatchRequest(db, catalogs, personalData, request.id, new Date(), followUpRunListener(), silent);
}

const crmLeads: { id: string; externalId: string }[] = [];
for (let i = 0; i < 5; i += 1) crmLeads.push((await post(app, validLead({ externalId: `EXP-${i}` }))).json());
const otherLead = (await post(app, validLead({ externalId: 'OTHER-1' }), auth(KEYS.otherCrm))).json();
const matched = crmLeads.slice(0, 3);
for (const lead of matched) await matchLead(lead.id);
const unmatched = crmLeads.slice(3);

type Row = Record<string, ReadCell>;

/** The file's rows as objects keyed by header, read with the spreadsheets package's reader. */
async function rowsOf(response: LightMyRequestResponse, format: TableFormat): Promise<Row[]> {
  const rows: ReadCell[][] = [];
  for await (const row of readTable(Readable.from([response.rawPayload]), format)) rows.push(row.cells);
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((name, index) => [String(name), cells[index] ?? null])));
}

const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

t.test('leads as .xlsx by default: every lead of the key once, with its top parks and follow-ups', async (t) => {
  const response = await get('/v1/leads/export', crm);
  t.equal(response.statusCode, 200, response.statusCode === 200 ? 'the export answers' : response.body.slice(0, 300));
  t.equal(response.headers['content-type'], MEDIA_TYPES.xlsx);
  t.match(response.headers['content-disposition'], /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E7%BA%BF%E7%B4%A2-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = await rowsOf(response, 'xlsx');
  const ids = rows.map((row) => row['线索ID Lead ID']);
  t.same([...ids].sort(), crmLeads.map((lead) => lead.id).sort(), "the key's five leads, each once, across three internal pages");
  t.notOk(ids.includes(otherLead.id), "another key's lead is not exported");
  t.same(rows.map((row) => row['外部编号 External ID']), ['EXP-0', 'EXP-1', 'EXP-2', 'EXP-3', 'EXP-4'], 'oldest recorded first');

  const parks = new Map((await catalogs.current()).snapshot.parks.map((park) => [park.id, park.name]));
  for (const lead of matched) {
    const row = rows.find((candidate) => candidate['线索ID Lead ID'] === lead.id)!;
    const answer = (await get(`/v1/leads/${lead.id}/suggestions`, crm)).json() as {
      run: { result: { suggestions: { park: { id: string; name: string }; fit: string; score: number }[] } };
    };
    const top = answer.run.result.suggestions.slice(0, 3);
    t.ok(top.length > 0, 'the example lead gets suggestions');
    t.equal(row['匹配 Match'], '已匹配 matched');
    t.equal(row['状态 Status'], 'matched');
    top.forEach((suggestion, index) => {
      t.equal(row[`推荐园区${index + 1} Park ${index + 1}`], parks.get(suggestion.park.id), `park ${index + 1} by name`);
      t.equal(row[`推荐园区${index + 1} Park ${index + 1}`], suggestion.park.name, 'as the suggestions answer names it');
      t.equal(row[`匹配度${index + 1} Fit ${index + 1}`], suggestion.fit);
      t.equal(row[`得分${index + 1} Score ${index + 1}`], suggestion.score);
    });
    const open = await db.selectFrom('follow_up_tasks').select('id').where('lead_id', '=', lead.id).where('status', '=', 'open').execute();
    t.ok(open.length > 0, 'the run created follow-up tasks');
    t.equal(row['未完成跟进 Open follow-ups'], open.length);
    t.equal(row['跟进负责人 Follow-up owners'], '专员乙', 'the owner by name');
    t.equal(row['联系人 Contact'], '张伟', 'the contact, as the list route shows it to this key');
    t.equal(row['联系电话 Phone'], '+8613812345678');
  }
  for (const lead of unmatched) {
    const row = rows.find((candidate) => candidate['线索ID Lead ID'] === lead.id)!;
    t.equal(row['匹配 Match'], '未匹配 not matched');
    t.equal(row['推荐园区1 Park 1'], null, 'no park invented');
    t.equal(row['未完成跟进 Open follow-ups'], 0);
    t.equal(row['跟进负责人 Follow-up owners'], null);
  }
  const sample = rows[0]!;
  t.match(sample['企业名称 Company'], /^苏州示例生物科技有限公司/);
  t.equal(sample['用途 Uses'], 'production, rnd');
  t.type(sample['用地需求（平方米） Land (m²)'], 'number');
  t.match(sample['创建时间（北京时间） Created (UTC+8)'], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
});

t.test('Accept: text/csv, or format=csv, gives the same rows as .csv', async (t) => {
  const xlsx = await rowsOf(await get('/v1/leads/export', crm), 'xlsx');
  const csvResponse = await get('/v1/leads/export', { ...crm, accept: 'text/csv' });
  t.equal(csvResponse.statusCode, 200);
  t.equal(csvResponse.headers['content-type'], MEDIA_TYPES.csv);
  t.match(csvResponse.headers['content-disposition'], /filename="leads-\d{4}-\d{2}-\d{2}\.csv"/);
  t.same(csvResponse.rawPayload.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'a byte order mark, so spreadsheet programs read UTF-8');
  const csv = await rowsOf(csvResponse, 'csv');
  t.same(csv.map((row) => row['线索ID Lead ID']), xlsx.map((row) => row['线索ID Lead ID']));
  t.same(csv.map((row) => row['推荐园区1 Park 1']), xlsx.map((row) => row['推荐园区1 Park 1']));
  t.same(csv.map((row) => row['匹配 Match']), xlsx.map((row) => row['匹配 Match']));

  const byParam = await get('/v1/leads/export?format=csv', { ...crm, accept: MEDIA_TYPES.xlsx });
  t.equal(byParam.headers['content-type'], MEDIA_TYPES.csv, 'format takes precedence over Accept');
  const preferred = await get('/v1/leads/export', { ...crm, accept: `${MEDIA_TYPES.xlsx};q=0.5, text/csv` });
  t.equal(preferred.headers['content-type'], MEDIA_TYPES.csv, 'by q-value');
  for (const accept of ['application/json', '*/*', MEDIA_TYPES.xlsx]) {
    t.equal((await get('/v1/leads/export', { ...crm, accept })).headers['content-type'], MEDIA_TYPES.xlsx, `${accept}: xlsx`);
  }
});

t.test('the list filters apply; staff export every key', async (t) => {
  const pending = await rowsOf(await get('/v1/leads/export?status=pending&format=csv', crm), 'csv');
  t.same(pending.map((row) => row['线索ID Lead ID']).sort(), unmatched.map((lead) => lead.id).sort(), 'status=pending: the unmatched two');
  const later = await rowsOf(await get(`/v1/leads/export?format=csv&updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, crm), 'csv');
  t.same(later, [], 'updatedSince in the future: a header and no rows');
  const all = await rowsOf(await get('/v1/leads/export?format=csv', staff), 'csv');
  t.equal(all.length, 6, 'staff see every lead, each once');
  t.ok(all.some((row) => row['线索ID Lead ID'] === otherLead.id));
});

t.test('a bad filter is a 400 problem naming the field; paging parameters are not taken', async (t) => {
  const bad = await get('/v1/leads/export?status=bogus', crm);
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(problemOf(bad), { type: '/problems/validation-failed', errors: [{ pointer: '/status', location: 'querystring' }] });
  t.match(problemOf(await get('/v1/leads/export?format=pdf', crm)).errors, [{ pointer: '/format' }]);
  t.equal((await get('/v1/leads/export?cursor=abc', crm)).statusCode, 400, 'no cursor');
  t.match(problemOf(await get('/v1/follow-ups/export?overdue=maybe', staff)).errors, [{ pointer: '/overdue', location: 'querystring' }]);
  t.equal((await get('/v1/leads/export', {})).statusCode, 401);
});

t.test('follow-ups: every task once with company, owner and park; filters; access as the list route', async (t) => {
  const tasks = await db.selectFrom('follow_up_tasks').selectAll().execute();
  t.ok(tasks.length > 2, `${tasks.length} tasks, more than a page`);
  const response = await get('/v1/follow-ups/export', staff);
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-disposition'], /filename="follow-ups-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E8%B7%9F%E8%BF%9B%E4%BB%BB%E5%8A%A1-/);
  const rows = await rowsOf(response, 'xlsx');
  t.same(rows.map((row) => row['任务ID Task ID']).sort(), tasks.map((task) => task.id).sort(), 'each task once');
  const dues = rows.map((row) => String(row['到期时间（北京时间） Due (UTC+8)']));
  t.same(dues, [...dues].sort(), 'soonest due first');
  const parks = new Map((await catalogs.current()).snapshot.parks.map((park) => [park.id, park.name]));
  const companies = new Map((await db.selectFrom('leads').select(['id', 'company_name']).execute()).map((lead) => [lead.id, lead.company_name]));
  for (const task of tasks) {
    const row = rows.find((candidate) => candidate['任务ID Task ID'] === task.id)!;
    t.equal(row['线索ID Lead ID'], task.lead_id);
    t.equal(row['企业名称 Company'], companies.get(task.lead_id));
    t.equal(row['类型 Kind'], task.kind);
    t.equal(row['状态 Status'], task.status);
    t.equal(row['负责人 Owner'], task.assignee_id === officer.id ? '专员乙' : '未分配 unassigned');
    t.equal(row['园区 Park'], task.park_id === null ? null : parks.get(task.park_id));
  }

  const done = tasks[0]!;
  await app.inject({ method: 'POST', url: `/v1/follow-ups/${done.id}/complete`, headers: staff });
  const open = await rowsOf(await get('/v1/follow-ups/export?status=open&format=csv', staff), 'csv');
  t.equal(open.length, tasks.length - 1, 'status=open leaves out the completed task');
  t.notOk(open.some((row) => row['任务ID Task ID'] === done.id));
  const ofLead = await rowsOf(await get(`/v1/follow-ups/export?leadId=${matched[0]!.id}&format=csv`, staff), 'csv');
  t.ok(ofLead.length > 0 && ofLead.every((row) => row['线索ID Lead ID'] === matched[0]!.id), 'leadId');
  t.equal((await get('/v1/follow-ups/export', crm)).statusCode, 403, 'a CRM key may not list follow-ups, nor export them');
});
