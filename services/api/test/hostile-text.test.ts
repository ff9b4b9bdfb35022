import { sql } from 'kysely';
import t from 'tap';
import { auth, buildTestApp, KEYS, problemOf, validLead } from './support.ts';

/**
 * Text Postgres cannot store (NUL, other control characters, lone surrogates), non-finite numbers,
 * bodies that are not UTF-8 or that claim a Content-Encoding, and cursors or numbers out of the
 * database's range: each is a 4xx naming what is wrong, and nothing is written (issue 14).
 */
const { app, database } = await buildTestApp(t);
const crm = auth(KEYS.crm);
const admin = auth(KEYS.admin);
const json = { ...crm, 'content-type': 'application/json' };

const leadCount = async () => (await sql<{ n: number }>`select count(*)::int as n from leads`.execute(database.db)).rows[0]!.n;

t.test('NUL, control characters and lone surrogates in any stored string: 422 naming the field, nothing written', async (t) => {
  const cases: [string, string, string][] = [
    ['industry', JSON.stringify({ ...validLead(), industry: '人工\u0000智能' }), '/industry'],
    ['company name', JSON.stringify({ ...validLead(), company: { name: 'x\u0007y' } }), '/company/name'],
    ['a region', JSON.stringify({ ...validLead(), regions: ['苏州', 'x\u001b'] }), '/regions/1'],
    ['notes, lone high surrogate', JSON.stringify({ ...validLead(), notes: 'a\ud800b' }), '/notes'],
    ['externalId, lone low surrogate', JSON.stringify({ ...validLead(), externalId: 'E-\udc00' }), '/externalId'],
    ['a C1 control', JSON.stringify({ ...validLead(), industry: '生物\u0085医药' }), '/industry'],
  ];
  for (const [what, payload, pointer] of cases) {
    const before = await leadCount();
    const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload });
    t.equal(response.statusCode, 422, `${what}: ${response.body}`);
    const problem = problemOf(response);
    t.equal(problem.type, '/problems/invalid-text', what);
    t.match(problem.errors, [{ pointer, location: 'body' }], `${what} names ${pointer}`);
    t.equal(await leadCount(), before, `${what}: nothing written`);
  }
});

t.test('tab, line breaks, emoji and CJK extension characters stay accepted', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload: JSON.stringify({ ...validLead(), notes: '第一行\r\n第二行\t😀 𠀀' }) });
  t.equal(response.statusCode, 201, response.body);
  t.equal(response.json().notes, '第一行\r\n第二行\t😀 𠀀', 'stored as sent');
});

t.test('PATCH refuses what POST refuses, and leaves the lead as it was', async (t) => {
  const created = await app.inject({ method: 'POST', url: '/v1/leads', headers: crm, payload: validLead({ notes: '原备注' }) });
  const { id } = created.json();
  const response = await app.inject({ method: 'PATCH', url: `/v1/leads/${id}`, headers: json, payload: '{"notes":"\\ud800"}' });
  t.equal(response.statusCode, 422, response.body);
  t.match(problemOf(response).errors, [{ pointer: '/notes' }]);
  t.equal((await app.inject({ method: 'GET', url: `/v1/leads/${id}`, headers: crm })).json().notes, '原备注');
});

t.test('a body that is not UTF-8 is a 400, never stored with U+FFFD', async (t) => {
  const before = await leadCount();
  const text = JSON.stringify({ ...validLead(), industry: 'XX' });
  const bytes = Buffer.from(text, 'utf8');
  const at = bytes.indexOf(Buffer.from('XX'));
  bytes[at] = 0xc3;
  bytes[at + 1] = 0x28;
  const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload: bytes });
  t.equal(response.statusCode, 400, response.body);
  t.equal(problemOf(response).type, '/problems/invalid-utf8');
  t.equal(await leadCount(), before);
});

t.test('a number that is not finite (1e309) is a 422 naming it, not stored as null', async (t) => {
  const payload = JSON.stringify({ ...validLead(), annualTax: { amount: 1, unit: 'wan_cny' } }).replace('"amount":1,', '"amount":1e309,');
  const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload });
  t.equal(response.statusCode, 422, response.body);
  t.match(problemOf(response).errors, [{ pointer: '/annualTax/amount', message: /finite/ }]);
});

t.test('a body claiming a Content-Encoding is a 415', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: { ...json, 'content-encoding': 'gzip' }, payload: JSON.stringify(validLead()) });
  t.equal(response.statusCode, 415, response.body);
  t.equal(problemOf(response).type, '/problems/unsupported-content-encoding');
});

t.test('query strings and cursors out of range are 4xx, never 5xx', async (t) => {
  const nul = await app.inject({ method: 'GET', url: '/v1/leads?externalId=a%00b', headers: crm });
  t.equal(nul.statusCode, 422, nul.body);
  t.match(problemOf(nul).errors, [{ location: 'querystring' }]);

  const ancient = Buffer.from(JSON.stringify(['-010000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
  for (const url of [`/v1/leads?cursor=${ancient}`, `/v1/follow-ups?cursor=${ancient}`]) {
    const response = await app.inject({ method: 'GET', url, headers: admin });
    t.equal(response.statusCode, 400, `${url}: ${response.body}`);
    t.match(problemOf(response).errors, [{ pointer: '/cursor' }]);
  }
  const version = await app.inject({ method: 'GET', url: '/v1/catalog/changes?afterVersion=2147483648', headers: admin });
  t.equal(version.statusCode, 400, version.body);
});
