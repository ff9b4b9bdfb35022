import { seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { API_KEYS, auth, buildTestAppWithRoutes, KEYS, post, validLead } from './support.ts';

const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '100000' });
const { app, database, routes: registered } = await buildTestAppWithRoutes(t, { config });
const { db } = database;
await seedCatalog(db);

// ------------------------------------------------------------ who asks

type Role = 'crm' | 'staff' | 'admin';
type PrincipalName = 'none' | 'badKey' | 'crm' | 'otherCrm' | 'staff' | 'admin';
const PRINCIPALS: Record<PrincipalName, { role?: Role; headers: Record<string, string> }> = {
  none: { headers: {} },
  badKey: { headers: auth('not-a-key-we-issued') },
  crm: { role: 'crm', headers: auth(KEYS.crm) },
  otherCrm: { role: 'crm', headers: auth(KEYS.otherCrm) },
  staff: { role: 'staff', headers: auth(KEYS.staff) },
  admin: { role: 'admin', headers: auth(KEYS.admin) },
};
const admin = PRINCIPALS.admin.headers;

// ------------------------------------------------------------ the objects the routes act on

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const created = async (response: LightMyRequestResponse): Promise<{ id: string }> => {
  if (response.statusCode >= 300) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return response.json();
};

let companies = 0;
/** Leads of one key are deduplicated by company, so each new one names a company of its own. */
const newLead = () => validLead({ company: { name: `授权测试企业${++companies}` } });
const freshCrmLead = async () => (await created(await post(app, newLead(), PRINCIPALS.crm.headers))).id;
async function freshClosedCrmLead(): Promise<string> {
  const id = await freshCrmLead();
  await created(await app.inject({ method: 'POST', url: `/v1/leads/${id}/close`, headers: PRINCIPALS.crm.headers, payload: { outcome: 'lost' } }));
  return id;
}
const lead = await freshCrmLead();
const staffMember = await created(
  await app.inject({ method: 'POST', url: '/v1/staff', headers: admin, payload: { name: '专员甲', role: 'officer', active: true } }),
);
const freshTask = async () =>
  (await created(
    await app.inject({ method: 'POST', url: `/v1/leads/${lead}/follow-ups`, headers: admin, payload: { kind: 'manual', dueAt: inHours(2) } }),
  )).id;
const task = await freshTask();
const subscriptionBody = { url: 'https://crm.example.invalid/hooks', secret: 'a-shared-secret-of-16+', events: ['lead.matched'] };
const freshSubscription = async () =>
  (await created(await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: admin, payload: subscriptionBody }))).id;
const subscription = await freshSubscription();
async function freshFailedDelivery(): Promise<string> {
  const event = await db
    .insertInto('lead_events')
    .values({ lead_id: lead, type: 'lead.matched', data: JSON.stringify({}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const delivery = await db
    .insertInto('webhook_deliveries')
    .values({ subscription_id: subscription, event_id: event.id, event_type: 'lead.matched', status: 'failed', attempts: 6, last_status_code: 500 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return delivery.id;
}

const { snapshot } = await app.catalog.current();
const [park, carrier, policy, platform, source, industry] = [
  snapshot.parks[0]!,
  snapshot.carriers[0]!,
  snapshot.policies[0]!,
  snapshot.platforms[0]!,
  snapshot.sources[0]!,
  snapshot.industries.find((entry) => entry.parent !== null && entry.level === undefined)!,
];
/** A document of each kind that nothing refers to, so an admin may add and delete it. */
const spare = {
  parks: { ...park, id: 'authz-spare-park', name: '授权测试园区', parentId: null },
  carriers: { ...carrier, id: 'authz-spare-carrier' },
  policies: { ...policy, id: 'authz-spare-policy' },
  platforms: { ...platform, id: 'authz-spare-platform' },
  sources: { ...source, id: 'authz-spare-source' },
  industries: {
    ...industry,
    code: 'authz-spare-industry',
    name: { zhHans: '授权测试', zhHant: '授權測試', en: 'Authz test' },
    synonyms: { zh: [], en: [] },
    related: [],
  },
};

// ------------------------------------------------------------ the expectations

interface Call {
  url: string;
  payload?: object;
}
interface Rule {
  /** The roles the route is for; `public` needs no key at all. */
  roles: readonly Role[] | 'public';
  /** The route acts on a lead owned by the crm key: another CRM key must not learn it exists. */
  ownedLead?: boolean;
  /** The answer when allowed. */
  ok: number | readonly number[];
  /** Builds the request; called once per principal, so it may make a fresh object to act on. */
  call: () => Call | Promise<Call>;
}

const ALL: readonly Role[] = ['crm', 'staff', 'admin'];
const STAFF: readonly Role[] = ['staff', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const PUBLIC = 'public';
const readOrPending = [200, 202];

function catalogRows(prefix: string, kind: keyof typeof spare, existingId: string, withRead = true): Record<string, Rule> {
  const doc = spare[kind];
  const id = kind === 'industries' ? spare.industries.code : (doc as { id: string }).id;
  const existing = snapshot[kind].find((entry) => (kind === 'industries' ? (entry as { code: string }).code : (entry as { id: string }).id) === existingId)!;
  return {
    ...(withRead && { [`GET ${prefix}/:id`]: { roles: ALL, ok: 200, call: () => ({ url: `${prefix}/${existingId}` }) } }),
    [`POST ${prefix}`]: { roles: ADMIN, ok: 201, call: () => ({ url: prefix, payload: doc }) },
    [`PUT ${prefix}/:id`]: { roles: ADMIN, ok: 200, call: () => ({ url: `${prefix}/${existingId}`, payload: existing }) },
    [`DELETE ${prefix}/:id`]: { roles: ADMIN, ok: 204, call: () => ({ url: `${prefix}/${id}` }) },
  };
}

const docs = (url: string): Rule => ({ roles: PUBLIC, ok: 200, call: () => ({ url }) });

/** Route → who may call it → whether it is scoped to the lead's owner → the answer when allowed. */
const EXPECTATIONS: Record<string, Rule> = {
  'GET /health/live': { roles: PUBLIC, ok: 200, call: () => ({ url: '/health/live' }) },
  'GET /health/ready': { roles: PUBLIC, ok: 200, call: () => ({ url: '/health/ready' }) },
  'GET /docs/': docs('/docs/'),
  'GET /docs/json': docs('/docs/json'),
  'GET /docs/yaml': docs('/docs/yaml'),
  'GET /docs/static/index.html': { ...docs('/docs/static/index.html'), ok: [200, 302] },
  'GET /docs/static/swagger-initializer.js': docs('/docs/static/swagger-initializer.js'),
  'GET /docs/static/*': docs('/docs/static/swagger-ui.css'),

  'POST /v1/leads': { roles: ALL.filter((role) => role !== 'staff'), ok: 201, call: () => ({ url: '/v1/leads', payload: newLead() }) },
  'GET /v1/leads': { roles: ALL, ok: 200, call: () => ({ url: '/v1/leads?limit=200' }) },
  'GET /v1/leads/:id': { roles: ALL, ownedLead: true, ok: 200, call: () => ({ url: `/v1/leads/${lead}` }) },
  'PATCH /v1/leads/:id': {
    roles: ['crm', 'admin'],
    ownedLead: true,
    ok: 200,
    call: () => ({ url: `/v1/leads/${lead}`, payload: { employees: 120 } }),
  },
  'DELETE /v1/leads/:id': { roles: ['crm', 'admin'], ownedLead: true, ok: 204, call: async () => ({ url: `/v1/leads/${await freshCrmLead()}` }) },
  'POST /v1/leads/:id/close': {
    roles: ['crm', 'admin'],
    ownedLead: true,
    ok: 200,
    call: async () => ({ url: `/v1/leads/${await freshCrmLead()}/close`, payload: { outcome: 'won' } }),
  },
  'POST /v1/leads/:id/reopen': { roles: ['crm', 'admin'], ownedLead: true, ok: 200, call: async () => ({ url: `/v1/leads/${await freshClosedCrmLead()}/reopen` }) },
  'GET /v1/leads/:id/suggestions': { roles: ALL, ownedLead: true, ok: readOrPending, call: () => ({ url: `/v1/leads/${lead}/suggestions` }) },
  'GET /v1/leads/:id/match-runs': { roles: ALL, ownedLead: true, ok: 200, call: () => ({ url: `/v1/leads/${lead}/match-runs` }) },
  'POST /v1/leads/:id/follow-ups': {
    roles: STAFF,
    ok: 201,
    call: () => ({ url: `/v1/leads/${lead}/follow-ups`, payload: { kind: 'manual', dueAt: inHours(3) } }),
  },
  'POST /v1/match': { roles: ALL, ok: 200, call: () => ({ url: '/v1/match', payload: validLead() }) },

  'GET /v1/parks': { roles: ALL, ok: 200, call: () => ({ url: '/v1/parks' }) },
  'GET /v1/parks/:id': { roles: ALL, ok: 200, call: () => ({ url: `/v1/parks/${park.id}` }) },
  ...catalogRows('/v1/parks', 'parks', park.id, false),
  ...catalogRows('/v1/carriers', 'carriers', carrier.id),
  ...catalogRows('/v1/policies', 'policies', policy.id),
  ...catalogRows('/v1/platforms', 'platforms', platform.id),
  ...catalogRows('/v1/sources', 'sources', source.id),
  'GET /v1/industries': { roles: ALL, ok: 200, call: () => ({ url: '/v1/industries' }) },
  'POST /v1/industries/classify': { roles: ALL, ok: 200, call: () => ({ url: '/v1/industries/classify', payload: { text: '医疗器械' } }) },
  ...catalogRows('/v1/industries', 'industries', industry.code),
  'GET /v1/catalog': { roles: ALL, ok: 200, call: () => ({ url: '/v1/catalog' }) },
  'GET /v1/catalog/changes': { roles: ALL, ok: 200, call: () => ({ url: '/v1/catalog/changes' }) },
  'POST /v1/catalog/import': { roles: ADMIN, ok: 200, call: () => ({ url: '/v1/catalog/import', payload: { sources: [source] } }) },

  'POST /v1/staff': { roles: ADMIN, ok: 201, call: () => ({ url: '/v1/staff', payload: { name: '专员乙', role: 'officer', active: true } }) },
  'GET /v1/staff': { roles: ADMIN, ok: 200, call: () => ({ url: '/v1/staff' }) },
  'GET /v1/staff/:id': { roles: ADMIN, ok: 200, call: () => ({ url: `/v1/staff/${staffMember.id}` }) },
  'PATCH /v1/staff/:id': { roles: ADMIN, ok: 200, call: () => ({ url: `/v1/staff/${staffMember.id}`, payload: { active: true } }) },

  'GET /v1/follow-ups': { roles: STAFF, ok: 200, call: () => ({ url: '/v1/follow-ups' }) },
  'GET /v1/follow-ups/:id': { roles: STAFF, ok: 200, call: () => ({ url: `/v1/follow-ups/${task}` }) },
  'PATCH /v1/follow-ups/:id': { roles: STAFF, ok: 200, call: () => ({ url: `/v1/follow-ups/${task}`, payload: { dueAt: inHours(5) } }) },
  'POST /v1/follow-ups/:id/complete': { roles: STAFF, ok: 200, call: async () => ({ url: `/v1/follow-ups/${await freshTask()}/complete`, payload: {} }) },
  'POST /v1/follow-ups/:id/cancel': { roles: STAFF, ok: 200, call: async () => ({ url: `/v1/follow-ups/${await freshTask()}/cancel`, payload: {} }) },
  'POST /v1/follow-ups/:id/snooze': {
    roles: STAFF,
    ok: 200,
    call: async () => ({ url: `/v1/follow-ups/${await freshTask()}/snooze`, payload: { until: inHours(8) } }),
  },

  'POST /v1/webhook-subscriptions': { roles: ADMIN, ok: 201, call: () => ({ url: '/v1/webhook-subscriptions', payload: subscriptionBody }) },
  'GET /v1/webhook-subscriptions': { roles: ADMIN, ok: 200, call: () => ({ url: '/v1/webhook-subscriptions' }) },
  'GET /v1/webhook-subscriptions/:id': { roles: ADMIN, ok: 200, call: () => ({ url: `/v1/webhook-subscriptions/${subscription}` }) },
  'PATCH /v1/webhook-subscriptions/:id': {
    roles: ADMIN,
    ok: 200,
    call: () => ({ url: `/v1/webhook-subscriptions/${subscription}`, payload: { active: true } }),
  },
  'DELETE /v1/webhook-subscriptions/:id': { roles: ADMIN, ok: 204, call: async () => ({ url: `/v1/webhook-subscriptions/${await freshSubscription()}` }) },
  'GET /v1/webhook-subscriptions/:id/deliveries': {
    roles: ADMIN,
    ok: 200,
    call: () => ({ url: `/v1/webhook-subscriptions/${subscription}/deliveries` }),
  },
  'POST /v1/webhook-deliveries/:id/replay': { roles: ADMIN, ok: 202, call: async () => ({ url: `/v1/webhook-deliveries/${await freshFailedDelivery()}/replay` }) },

  'GET /metrics': { roles: ADMIN, ok: 200, call: () => ({ url: '/metrics' }) },
  // This app keeps its jobs in Postgres, so the dashboard says it is off; queue-dashboard.test.ts covers its BullMQ routes.
  'GET /admin/queues': { roles: ADMIN, ok: 404, call: () => ({ url: '/admin/queues' }) },
};

function expectedStatus(rule: Rule, name: PrincipalName): readonly number[] {
  const principal = PRINCIPALS[name];
  const ok = typeof rule.ok === 'number' ? [rule.ok] : rule.ok;
  if (rule.roles === PUBLIC) return ok;
  if (!principal.role) return [401];
  if (!rule.roles.includes(principal.role)) return [403];
  if (rule.ownedLead && name === 'otherCrm') return [404];
  return ok;
}

// ------------------------------------------------------------ the matrix

/** Every "METHOD /path" served; the HEAD routes Fastify adds for each GET are left out. */
const routes = registered.flatMap((route) =>
  [route.method].flat().filter((method) => method !== 'HEAD').map((method) => `${method} ${route.url}`),
);

t.test('every registered route has a row in the table, and every row a route', async (t) => {
  t.ok(routes.length > 40, `${routes.length} routes found`);
  for (const route of routes) t.ok(EXPECTATIONS[route], `${route} has expectations in authz-matrix.test.ts`);
  for (const route of Object.keys(EXPECTATIONS)) t.ok(routes.includes(route), `${route} is still served`);
});

t.test('each route answers each principal as the table says', async (t) => {
  for (const [route, rule] of Object.entries(EXPECTATIONS)) {
    if (!routes.includes(route)) continue;
    const method = route.slice(0, route.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    for (const name of Object.keys(PRINCIPALS) as PrincipalName[]) {
      const expected = expectedStatus(rule, name);
      const { url, payload } = await rule.call();
      const response = await app.inject({ method, url, headers: PRINCIPALS[name].headers, ...(payload && { payload }) });
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
