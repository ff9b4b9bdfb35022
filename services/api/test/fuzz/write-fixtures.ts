import type { RouteOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Test } from 'tap';
import { readSeedDocument, seedCatalog } from '@leadmatch/catalog';
import { validLead } from '../support.ts';
import { databaseState } from './database-state.ts';
import { admin, buildFuzzApp, created, inADay } from './support.ts';

/**
 * The app the write fuzz sends to, with the objects its routes act on (a lead, staff, a follow-up, a
 * webhook subscription, the seeded catalog), a plausible valid body per route, the ids of rows that
 * exist, and the state of every table.
 */
export async function writeFixtures(t: Test) {
  const { app, database, routes } = await buildFuzzApp(t);
  const db = database.db as unknown as Kysely<unknown>;
  await seedCatalog(database.db);
  const seeds = await readSeedDocument();

  /** The lead is read back from its table, so the setup does not depend on the shape of the lead view. */
  async function createLead(): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/v1/leads', headers: admin, payload: validLead() });
    const { rows } = await sql<{ id: string }>`select id::text as id from leads limit 1`.execute(db);
    if (!rows[0]) throw new Error(`setup: POST /v1/leads stored no lead: ${response.statusCode} ${response.body}`);
    return rows[0].id;
  }
  const lead = await createLead();
  const staff = await created(app, '/v1/staff', { name: '李雷', role: 'officer', active: true });
  const task = await created(app, `/v1/leads/${lead}/follow-ups`, { kind: 'call_back', dueAt: inADay(), assigneeId: staff });
  const hook = await created(app, '/v1/webhook-subscriptions', {
    url: 'https://crm.example.com/hooks',
    secret: 'a-shared-secret-of-some-length',
    events: ['lead.matched'],
  });
  const state = await databaseState(db);

  /** Ids and codes of rows that exist, so path parameters reach real objects. */
  async function existingIds(): Promise<string[]> {
    const { rows } = await sql<{ name: string; column_name: string }>`
      select format('%I.%I', table_schema, table_name) as name, column_name from information_schema.columns
      where table_schema not in ('pg_catalog', 'information_schema') and column_name in ('id', 'code')`.execute(db);
    const ids = await Promise.all(
      rows.map(async ({ name, column_name }) =>
        (await sql<{ id: string }>`${sql.raw(`select ${column_name}::text as id from ${name} limit 3`)}`.execute(db)).rows.map((row) => row.id),
      ),
    );
    return [...new Set([...ids.flat(), lead, staff, task, hook])];
  }

  /** A plausible valid body per route, to mutate one field at a time; `{}` where nothing is known. */
  function validBody(route: RouteOptions): unknown {
    const url = route.url;
    const entity = /^\/v1\/(parks|carriers|policies|platforms|sources|industries)(\/|$)/.exec(url)?.[1];
    if (entity && url !== '/v1/industries/classify') {
      const docs = (seeds as Record<string, unknown[] | undefined>)[entity === 'platforms' ? 'platforms' : entity] ?? [];
      return docs[0] ?? {};
    }
    const known: Record<string, unknown> = {
      '/v1/leads': validLead(),
      '/v1/match': validLead(),
      '/v1/leads/:id': { notes: '改为明年投产', uses: ['rnd'] },
      '/v1/catalog/import': { sources: seeds.sources?.slice(0, 1) ?? [] },
      '/v1/industries/classify': { text: '生物医药' },
      '/v1/staff': { name: '韩梅梅', role: 'officer', active: true },
      '/v1/staff/:id': { active: false },
      '/v1/leads/:id/follow-ups': { kind: 'call_back', dueAt: inADay() },
      '/v1/follow-ups/:id': { dueAt: inADay() },
      '/v1/follow-ups/:id/snooze': { until: inADay() },
      '/v1/follow-ups/:id/complete': { note: '已回电' },
      '/v1/follow-ups/:id/cancel': { note: '客户取消' },
      '/v1/webhook-subscriptions': { url: 'https://crm.example.com/other', secret: 'another-secret-long-enough', events: ['lead.matched'] },
      '/v1/webhook-subscriptions/:id': { active: false },
    };
    return known[url] ?? {};
  }

  return { app, routes, realIds: await existingIds(), validBody, ...state };
}
