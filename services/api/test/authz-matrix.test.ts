import t from 'tap';
import { expectations, expectedStatus, PUBLIC } from './authz/expectations.ts';
import { authzFixtures, created } from './authz/fixtures.ts';
import { PRINCIPALS, type PrincipalName } from './authz/principals.ts';
import { post } from './support.ts';

/**
 * Every route × every caller (no key, a bad key, each role, another CRM's key) gets the answer the table
 * in authz/expectations.ts gives; one CRM key never sees another's lead ids. The objects the routes act
 * on are made in authz/fixtures.ts.
 */

const fixtures = await authzFixtures(t);
const { app, lead, newLead } = fixtures;
const EXPECTATIONS = expectations(fixtures);

/** Every "METHOD /path" served; the HEAD routes Fastify adds for each GET are left out. */
const routes = fixtures.routes.flatMap((route) =>
  [route.method].flat().filter((method) => method !== 'HEAD').map((method) => `${method} ${route.url}`),
);

t.test('every registered route has a row in the table, and every row a route', async (t) => {
  t.ok(routes.length > 40, `${routes.length} routes found`);
  for (const route of routes) t.ok(EXPECTATIONS[route], `${route} has expectations in authz/expectations.ts`);
  for (const route of Object.keys(EXPECTATIONS)) t.ok(routes.includes(route), `${route} is still served`);
});

t.test('each route answers each principal as the table says', async (t) => {
  for (const [route, rule] of Object.entries(EXPECTATIONS)) {
    if (!routes.includes(route)) continue;
    const method = route.slice(0, route.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    for (const name of Object.keys(PRINCIPALS) as PrincipalName[]) {
      const expected = expectedStatus(rule, name);
      const { url, payload, headers } = await rule.call();
      const response = await app.inject({ method, url, headers: { ...PRINCIPALS[name].headers, ...headers }, ...(payload && { payload }) });
      t.ok(expected.includes(response.statusCode), `${route} as ${name}: expected ${expected.join(' or ')}, got ${response.statusCode}`, {
        body: response.body.slice(0, 300),
      });
      if (response.statusCode >= 400 && rule.roles !== PUBLIC) {
        t.match(response.headers['content-type'], /^application\/problem\+json/, `${route} as ${name}: a problem document`);
      }
    }
  }
});

t.test('ids never leak across CRM keys', async (t) => {
  const theirs = (await created(await post(app, newLead(), PRINCIPALS.otherCrm.headers))).id;
  const list = async (name: PrincipalName) =>
    ((await app.inject({ url: '/v1/leads?limit=200', headers: PRINCIPALS[name].headers })).json().items as { id: string }[]).map(
      (item) => item.id,
    );
  const [mine, others, everyone] = [await list('crm'), await list('otherCrm'), await list('staff')];
  t.ok(mine.includes(lead) && everyone.includes(lead) && everyone.includes(theirs));
  t.notOk(mine.includes(theirs), 'the crm key does not see the other key’s lead');
  t.same(others.filter((id) => mine.includes(id)), [], 'the other CRM key sees none of the crm key’s leads');
  t.ok(others.includes(theirs));

  const hidden = await app.inject({ url: `/v1/leads/${lead}`, headers: PRINCIPALS.otherCrm.headers });
  const missing = await app.inject({ url: `/v1/leads/${crypto.randomUUID()}`, headers: PRINCIPALS.otherCrm.headers });
  t.equal(hidden.statusCode, missing.statusCode, 'another key’s lead looks exactly like no lead');
  t.equal(hidden.json().type, missing.json().type);
});
