import fc from 'fast-check';
import { sql } from 'kysely';
import type { Test } from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { validLead } from '../support.ts';
import { document, type Operation } from './openapi-document.ts';
import { valueArbitrary, type Hint } from './schema-arbitraries.ts';
import { buildFuzzApp, created, inADay } from './support.ts';

/** Reproduce a failure with FUZZ_SEED=<the seed printed> (and FUZZ_RUNS to run more or fewer requests). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_140_014);

/**
 * The app the OpenAPI fuzz files send to, and the real objects it knows (issue 14): a lead, a closed
 * lead, staff, a follow-up, a webhook subscription with a failed and a delivered delivery, and the
 * seeded catalog, so path parameters and references in bodies reach real objects.
 */
export async function openapiFixtures(t: Test) {
  const { app, database } = await buildFuzzApp(t);
  const { db } = database;
  await seedCatalog(db);

  const lead = await created(app, '/v1/leads', validLead({ externalId: 'FUZZ-1' }));
  const closedLead = await created(app, '/v1/leads', validLead({ externalId: 'FUZZ-2' }));
  await created(app, `/v1/leads/${closedLead}/close`, { outcome: 'lost' });
  const supervisor = await created(app, '/v1/staff', { name: '韩梅梅', role: 'supervisor', active: true });
  const staff = await created(app, '/v1/staff', { name: '李雷', role: 'officer', active: true, supervisorId: supervisor });
  await created(app, `/v1/leads/${lead}/follow-ups`, { kind: 'call_back', dueAt: inADay(), assigneeId: staff });
  const subscription = await created(app, '/v1/webhook-subscriptions', {
    url: 'https://93.184.215.14/hooks',
    secret: 'a-shared-secret-of-some-length',
    events: ['lead.matched'],
  });
  for (const status of ['failed', 'delivered'] as const) {
    const event = await db.insertInto('lead_events').values({ lead_id: lead, type: 'lead.matched', data: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('webhook_deliveries')
      .values({ subscription_id: subscription, event_id: event.id, event_type: 'lead.matched', status, attempts: 1, last_status_code: status === 'failed' ? 500 : 200 })
      .execute();
  }

  const { snapshot } = await app.catalog.current();
  const catalogDocuments = snapshot as unknown as Record<string, { id?: string; code?: string }[] | undefined>;
  const ids = async (table: string) =>
    (await sql<{ id: string }>`select id::text as id from ${sql.table(table)} order by created_at limit 5`.execute(db)).rows.map((row) => row.id);

  /** Ids of real objects by the first segment after /v1/, so path parameters reach them. */
  const REAL_IDS: Record<string, string[]> = {
    leads: await ids('leads'),
    'follow-ups': await ids('follow_up_tasks'),
    staff: await ids('staff'),
    'webhook-subscriptions': await ids('webhook_subscriptions'),
    'webhook-deliveries': await ids('webhook_deliveries'),
  };
  for (const entity of ['parks', 'carriers', 'policies', 'platforms', 'sources', 'industries']) {
    REAL_IDS[entity] = (catalogDocuments[entity] ?? []).slice(0, 5).map((doc) => doc.id ?? doc.code ?? '');
  }
  const allRealIds = [...new Set(Object.values(REAL_IDS).flat())].filter(Boolean);
  const realIdsFor = (path: string) => REAL_IDS[/^\/v1\/([^/]+)/.exec(path)?.[1] ?? ''] ?? [];

  const industryCodes = REAL_IDS.industries ?? [];
  const fourDigitCodes = (catalogDocuments.industries ?? []).map((doc) => doc.code ?? '').filter((code) => /^[A-T][0-9]{4}$/.test(code)).slice(0, 5);
  /** Properties that refer to other objects get real ones' ids most of the time, so valid bodies get past the reference checks. */
  const REFERENCES: Record<string, string[]> = {
    source: REAL_IDS.sources ?? [],
    parkId: REAL_IDS.parks ?? [],
    parkIds: REAL_IDS.parks ?? [],
    parentId: REAL_IDS.parks ?? [],
    industries: industryCodes,
    industry: industryCodes,
    parent: industryCodes,
    related: industryCodes,
    gbt: industryCodes,
    industryCode: fourDigitCodes,
    assigneeId: REAL_IDS.staff ?? [],
    supervisorId: [supervisor],
  };
  const references: Hint = (name, schema) => {
    const real = REFERENCES[name];
    if (!real?.length || !(schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string')))) return undefined;
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: valueArbitrary(document, schema) });
  };

  /**
   * Bodies known to be valid beside the schema-generated ones: openapi.json's examples, and for the
   * catalog's documents real ones of the seeded catalog (the schema cannot know which references exist).
   */
  function knownBodies(operation: Operation): unknown[] {
    const content = operation.spec.requestBody?.content ?? {};
    const examples = Object.values(content).flatMap((media) => Object.values(media.examples ?? {}).map((example) => example.value));
    const entity = /^\/v1\/(parks|carriers|policies|platforms|sources|industries)(\/\{id\})?$/.exec(operation.path)?.[1];
    if (!entity || operation.method === 'GET' || operation.method === 'DELETE') return examples.filter((value) => value !== undefined);
    const docs = (catalogDocuments[entity] ?? []).slice(0, 3);
    const key = entity === 'industries' ? 'code' : 'id';
    const fresh = docs.map((doc, i) => ({ ...doc, [key]: `fuzz-${entity}-${i}` }));
    return [...examples, ...docs, ...fresh].filter((value) => value !== undefined);
  }

  return { app, allRealIds, realIdsFor, references, knownBodies };
}

export type OpenApiFixtures = Awaited<ReturnType<typeof openapiFixtures>>;
