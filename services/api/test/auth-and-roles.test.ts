import t from 'tap';
import { loadConfig } from '@leadmatch/config';
import { buildApp } from '../src/app.ts';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
let companies = 0;
/** Leads of one key are deduplicated by company, so each new one names a company of its own. */
const newLead = () => validLead({ company: { name: `角色测试企业${++companies}` } });

t.test('a missing or unknown key gets 401 with a problem body', async (t) => {
  for (const headers of [{}, auth('nope'), { authorization: `Basic ${KEYS.crm}` }, { authorization: 'Bearer' }]) {
    const response = await post(app, newLead(), headers as Record<string, string>);
    t.equal(response.statusCode, 401);
    t.equal(response.headers['www-authenticate'], 'Bearer');
    t.match(problemOf(response), { type: '/problems/unauthorized', status: 401 });
  }
});

t.test('each role gets what it is allowed, and 403 for the rest', async (t) => {
  const lead = (await post(app, newLead())).json();
  const matrix: [string, string, string, number][] = [
    ['crm', KEYS.crm, 'POST', 201],
    ['crm', KEYS.crm, 'GET', 200],
    ['staff', KEYS.staff, 'POST', 403],
    ['staff', KEYS.staff, 'GET', 200],
    ['staff', KEYS.staff, 'PATCH', 403],
    ['staff', KEYS.staff, 'DELETE', 403],
    ['admin', KEYS.admin, 'POST', 201],
    ['admin', KEYS.admin, 'GET', 200],
    ['admin', KEYS.admin, 'PATCH', 200],
  ];
  for (const [role, key, method, expected] of matrix) {
    const response =
      method === 'POST'
        ? await post(app, newLead(), auth(key))
        : await app.inject({
            method: method as 'GET' | 'PATCH' | 'DELETE',
            url: `/v1/leads/${lead.id}`,
            headers: auth(key),
            ...(method === 'PATCH' ? { payload: { employees: 10 } } : {}),
          });
    t.equal(response.statusCode, expected, `${role} ${method}`);
    if (expected === 403) t.match(problemOf(response), { type: '/problems/forbidden' });
  }
});

t.test('one CRM key never sees another key’s leads; staff see all', async (t) => {
  const mine = (await post(app, newLead())).json();
  const theirs = (await post(app, newLead(), auth(KEYS.otherCrm))).json();
  const read = (key: string, id: string) => app.inject({ url: `/v1/leads/${id}`, headers: auth(key) });
  t.equal((await read(KEYS.otherCrm, mine.id)).statusCode, 404, 'reading another key’s lead looks like no lead');
  t.equal(
    (await app.inject({ method: 'PATCH', url: `/v1/leads/${mine.id}`, headers: auth(KEYS.otherCrm), payload: { employees: 1 } }))
      .statusCode,
    404,
  );
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/leads/${mine.id}`, headers: auth(KEYS.otherCrm) })).statusCode, 404);
  t.equal((await read(KEYS.crm, mine.id)).json().contact.phone, '+8613812345678', 'the owner’s lead is untouched');

  const listed = await app.inject({ url: '/v1/leads?limit=200', headers: auth(KEYS.otherCrm) });
  const ids = listed.json().items.map((lead: { id: string }) => lead.id);
  t.ok(ids.includes(theirs.id));
  t.notOk(ids.includes(mine.id), 'another key’s lead is not listed');

  t.equal((await read(KEYS.staff, mine.id)).statusCode, 200);
  t.equal((await read(KEYS.staff, theirs.id)).statusCode, 200);
});

t.test('without API_KEYS outside production, the key "dev" has every role', async (t) => {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  t.ok(config.usingDevKey);
  // Another app of this process compiling its schemas would read as overload here: no load shedding.
  const devApp = await buildApp({ config, database, loadShedding: false });
  t.teardown(() => devApp.close());
  t.equal((await post(devApp, newLead(), auth('dev'))).statusCode, 201);
  t.equal((await devApp.inject({ url: '/v1/leads', headers: auth('dev') })).statusCode, 200);
  t.equal((await post(devApp, newLead(), auth(KEYS.crm))).statusCode, 401, 'other keys are not accepted');
});

t.test('health and docs need no key', async (t) => {
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200);
  t.equal((await app.inject({ url: '/docs/json' })).statusCode, 200);
});
