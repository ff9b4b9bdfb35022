import type { LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { API_KEYS, buildTestAppWithRoutes, post, validLead } from '../support.ts';
import { PRINCIPALS } from './principals.ts';

/**
 * The app of the authorization matrix (authz-matrix.test.ts), every route it serves, and the objects
 * those routes act on: a lead of the crm key, staff, a follow-up, a webhook subscription, the seeded
 * catalog, and makers of fresh ones for the routes that use theirs up (delete, close, complete …).
 */

export const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

export const created = async (response: LightMyRequestResponse): Promise<{ id: string }> => {
  if (response.statusCode >= 300) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return response.json();
};

export const subscriptionBody = { url: 'https://crm.example.invalid/hooks', secret: 'a-shared-secret-of-16+', events: ['lead.matched'] };

export async function authzFixtures(t: Test) {
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '100000' });
  const { app, database, routes } = await buildTestAppWithRoutes(t, { config });
  const { db } = database;
  await seedCatalog(db);
  const admin = PRINCIPALS.admin.headers;

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

  return {
    app,
    routes,
    newLead,
    freshCrmLead,
    freshClosedCrmLead,
    lead,
    staffMember,
    freshTask,
    task,
    freshSubscription,
    subscription,
    freshFailedDelivery,
    snapshot,
    catalog: { park, carrier, policy, platform, source, industry },
    spare,
  };
}

export type AuthzFixtures = Awaited<ReturnType<typeof authzFixtures>>;
