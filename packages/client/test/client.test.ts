import t from 'tap';
import { buildTestApp, KEYS, validLead } from '@leadmatch/api/testing';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { openJobQueue, openJobWorker } from '@leadmatch/jobs';
import { eventually } from '@leadmatch/testing';
import { buildHandlers } from '@leadmatch/worker';
import { createLeadmatchClient, type LeadInput, type Problem } from '../src/index.ts';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const { app, database } = await buildTestApp(t);
await seedCatalog(database.db);

/** A worker on the test's database, so that registered leads get matched; jobs stay in Postgres. */
const queue = openJobQueue({ db: database.db, log: silent });
const handlers = buildHandlers({ personalData, db: database.db, catalogs: new CatalogCache(database.db), queue, now: () => new Date() });
const worker = openJobWorker({ db: database.db, handlers, log: silent });
t.teardown(() => worker.close());
await worker.start();

const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
const client = createLeadmatchClient({ baseUrl, apiKey: KEYS.crm });

const lead: LeadInput = validLead({
  industry: '高端医疗器械研发与生产',
  uses: ['production', 'rnd'],
  land: { area: 30, unit: 'mu' },
  regions: ['苏州'],
}) as LeadInput;

t.test('a lead registered over HTTP is read back, matched and previewed', async (t) => {
  const created = await client.POST('/v1/leads', { body: lead });
  t.equal(created.response.status, 201, JSON.stringify(created.error));
  const id = created.data!.id;
  t.match(created.data, { externalId: lead.externalId, status: 'pending', industry: lead.industry, land: { mu: 30 } });

  const read = await client.GET('/v1/leads/{id}', { params: { path: { id } } });
  t.equal(read.response.status, 200);
  t.match(read.data, { id, externalId: lead.externalId, company: { name: lead.company.name, creditCode: lead.company.creditCode } });
  t.equal(read.data!.contact.phone, '+8613812345678', 'the phone comes back in E.164');

  const statuses: number[] = [];
  const matched = await eventually(async () => {
    const answer = await client.GET('/v1/leads/{id}/suggestions', { params: { path: { id } } });
    statuses.push(answer.response.status);
    return answer.response.status === 200 ? answer.data : undefined;
  }, 20_000);
  t.ok(statuses.slice(0, -1).every((status) => status === 202), `202 while matching is under way, then 200 (got ${statuses.join(', ')})`);
  t.match(matched, { leadId: id, status: 'matched', statusReason: null, run: { catalogVersion: 1 } });
  const suggestions = matched.run!.result.suggestions;
  t.ok(suggestions.length > 0, 'the seeded catalog has parks for a medical device maker');
  t.match(suggestions[0], { rank: 1, park: { id: String, name: String } });
  t.ok(
    suggestions[0]!.reasons.every((reason) => (reason.zh && reason.en) || reason.score === null),
    'every judged reason in Chinese and English (a brief answer leaves neutral factors unworded)',
  );
  const full = await client.GET('/v1/leads/{id}/suggestions', { params: { path: { id }, query: { detail: 'full' } } });
  t.ok(full.data!.run!.result.suggestions[0]!.reasons.every((reason) => reason.zh && reason.en), 'with detail=full, every reason in both languages');
  const codes = matched.run!.result.industryCodes.map((code) => code.code);
  t.ok(codes.includes('medical-devices') && codes.some((code) => /^C358/.test(code)), `the focus code and the GB/T code (${codes.join(', ')})`);
  const stored = await client.GET('/v1/leads/{id}', { params: { path: { id } } });
  t.match(stored.data?.industryCodes, [/^C358/], 'the stored lead carries its GB/T codes once matched');

  const preview = await client.POST('/v1/match', { body: lead });
  t.equal(preview.response.status, 200, JSON.stringify(preview.error));
  t.same(
    preview.data!.suggestions.map((suggestion) => suggestion.park.id),
    suggestions.map((suggestion) => suggestion.park.id),
    'the preview ranks the same parks as the stored match',
  );
});

t.test('error answers come back as problems naming the field', async (t) => {
  const invalid = await client.POST('/v1/leads', { body: { ...lead, externalId: 'CRM-invalid', industry: '' } });
  t.equal(invalid.response.status, 422);
  t.equal(invalid.data, undefined);
  const problem: Problem | undefined = invalid.error;
  t.match(problem, { type: '/problems/validation-failed', status: 422, title: String });
  t.match(problem?.errors, [{ pointer: '/industry', location: 'body', message: String }]);

  const missing = await client.GET('/v1/leads/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  t.equal(missing.response.status, 404);
  t.match(missing.error, { status: 404, title: String });

  const stranger = createLeadmatchClient({ baseUrl, apiKey: 'not-a-key' });
  const refused = await stranger.GET('/v1/leads/{id}/suggestions', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  t.equal(refused.response.status, 401);
  t.match(refused.error, { type: '/problems/unauthorized', status: 401 });
});
