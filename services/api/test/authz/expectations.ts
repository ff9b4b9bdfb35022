import { validLead } from '../support.ts';
import { inHours, subscriptionBody, type AuthzFixtures } from './fixtures.ts';
import { PRINCIPALS, type PrincipalName, type Role } from './principals.ts';

/**
 * The authorization matrix's table: for each route ("METHOD /path" as Fastify registers it), who may
 * call it, whether it is scoped to the owner of the lead, the answer when allowed, and how to build a
 * request to it. authz-matrix.test.ts checks every route has a row and sends each row as each principal.
 */

export interface Call {
  url: string;
  payload?: object;
  /** Added to the principal's (a multipart upload's content type). */
  headers?: Record<string, string>;
}

/** A one-row ledger (.csv) as a multipart/form-data upload. */
function ledgerUpload(url: string): Call {
  const boundary = 'authz-ledger';
  const csv = `企业名称,联系人,联系电话,行业,用途\n授权矩阵测试有限公司 ${crypto.randomUUID()},王先生,13800000000,机械,生产\n`;
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
  return { url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
export interface Rule {
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
export const PUBLIC = 'public';
const readOrPending = [200, 202];

/** Route → who may call it → whether it is scoped to the lead's owner → the answer when allowed. */
export function expectations(fixtures: AuthzFixtures): Record<string, Rule> {
  const { snapshot, spare, lead, staffMember, task, subscription, newLead, freshCrmLead, freshClosedCrmLead, freshTask, freshSubscription, freshFailedDelivery } = fixtures;
  const { park, carrier, policy, platform, source, industry } = fixtures.catalog;

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

  return {
    'GET /health/live': { roles: PUBLIC, ok: 200, call: () => ({ url: '/health/live' }) },
    'GET /health/ready': { roles: PUBLIC, ok: 200, call: () => ({ url: '/health/ready' }) },
    'GET /docs/': docs('/docs/'),
    'GET /docs/json': docs('/docs/json'),
    'GET /docs/yaml': docs('/docs/yaml'),
    'GET /docs/static/index.html': { ...docs('/docs/static/index.html'), ok: [200, 302] },
    'GET /docs/static/swagger-initializer.js': docs('/docs/static/swagger-initializer.js'),
    'GET /docs/static/*': docs('/docs/static/swagger-ui.css'),

    'POST /v1/leads': { roles: ALL.filter((role) => role !== 'staff'), ok: 201, call: () => ({ url: '/v1/leads', payload: newLead() }) },
    'POST /v1/leads/imports': { roles: ALL.filter((role) => role !== 'staff'), ok: 200, call: () => ledgerUpload('/v1/leads/imports') },
    'GET /v1/leads/imports/template': { roles: ALL.filter((role) => role !== 'staff'), ok: 200, call: () => ({ url: '/v1/leads/imports/template' }) },
    'GET /v1/leads': { roles: ALL, ok: 200, call: () => ({ url: '/v1/leads?limit=200' }) },
    'GET /v1/leads/export': { roles: ALL, ok: 200, call: () => ({ url: '/v1/leads/export?format=csv' }) },
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
    // The fixture lead is never matched: the brief answers 409 lead-not-matched to whoever may read it.
    'GET /v1/leads/:id/brief': { roles: ALL, ownedLead: true, ok: [200, 409], call: () => ({ url: `/v1/leads/${lead}/brief` }) },
    'POST /v1/match/brief': { roles: ALL, ok: 200, call: () => ({ url: '/v1/match/brief', payload: validLead() }) },

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
    // The matrix sends JSON: past the role check the route refuses it as not a file (uploads: inventory-import.test.ts).
    'POST /v1/parks/:id/inventory': { roles: ADMIN, ok: 415, call: () => ({ url: `/v1/parks/${park.id}/inventory`, payload: { file: 'inventory.xlsx' } }) },
    'GET /v1/catalog/inventory-template': { roles: ALL, ok: 200, call: () => ({ url: '/v1/catalog/inventory-template' }) },

    'POST /v1/staff': { roles: ADMIN, ok: 201, call: () => ({ url: '/v1/staff', payload: { name: '专员乙', role: 'officer', active: true } }) },
    'GET /v1/staff': { roles: ADMIN, ok: 200, call: () => ({ url: '/v1/staff' }) },
    'GET /v1/staff/:id': { roles: ADMIN, ok: 200, call: () => ({ url: `/v1/staff/${staffMember.id}` }) },
    'PATCH /v1/staff/:id': { roles: ADMIN, ok: 200, call: () => ({ url: `/v1/staff/${staffMember.id}`, payload: { active: true } }) },

    'GET /v1/follow-ups': { roles: STAFF, ok: 200, call: () => ({ url: '/v1/follow-ups' }) },
    'GET /v1/follow-ups/export': { roles: STAFF, ok: 200, call: () => ({ url: '/v1/follow-ups/export?format=csv' }) },
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
    'POST /v1/webhook-subscriptions/:id/deliveries/replay': {
      roles: ADMIN,
      ok: 202,
      call: () => ({ url: `/v1/webhook-subscriptions/${subscription}/deliveries/replay`, payload: { from: inHours(-1), to: inHours(1) } }),
    },

    'GET /metrics': { roles: ADMIN, ok: 200, call: () => ({ url: '/metrics' }) },
    // This app keeps its jobs in Postgres, so the dashboard says it is off; queue-dashboard.test.ts covers its BullMQ routes.
    'GET /admin/queues': { roles: ADMIN, ok: 404, call: () => ({ url: '/admin/queues' }) },
  };
}

/** The answers a principal may get from a route: its `ok` when allowed, else 401, 403, or 404 for another CRM key's lead. */
export function expectedStatus(rule: Rule, name: PrincipalName): readonly number[] {
  const principal = PRINCIPALS[name];
  const ok = typeof rule.ok === 'number' ? [rule.ok] : rule.ok;
  if (rule.roles === PUBLIC) return ok;
  if (!principal.role) return [401];
  if (!rule.roles.includes(principal.role)) return [403];
  if (rule.ownedLead && name === 'otherCrm') return [404];
  return ok;
}
