import t, { type Test } from 'tap';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from '@leadmatch/api/testing';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { openJobQueue, openJobWorker } from '@leadmatch/jobs';
import { sweepMatchRequests } from '@leadmatch/leads';
import { eventually, uniqueName } from '@leadmatch/testing';
import { buildHandlers } from '@leadmatch/worker';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const { app, database } = await buildTestApp(t);
await seedCatalog(database.db);
const crm = auth(KEYS.crm);

/** A worker on this test's database, with jobs in Postgres. */
function startWorker(t: Test) {
  const queue = openJobQueue({ db: database.db, log: silent });
  const handlers = buildHandlers({ personalData, db: database.db, catalogs: new CatalogCache(database.db), queue, now: () => new Date() });
  const worker = openJobWorker({ db: database.db, handlers, log: silent });
  t.teardown(() => worker.close());
  return worker.start();
}

const deviceMaker = validLead({
  industry: '高端医疗器械研发与生产',
  uses: ['production', 'rnd'],
  land: { area: 30, unit: 'mu' },
  regions: ['苏州'],
  policyInterests: ['financing'],
});

const suggestions = (id: string) => app.inject({ url: `/v1/leads/${id}/suggestions?detail=full`, headers: crm });

t.test('POST /v1/match answers synchronously and stores nothing', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/v1/match?detail=full', headers: crm, payload: deviceMaker });
  t.equal(response.statusCode, 200, response.body);
  const result = response.json();
  t.ok(result.suggestions.length > 0 && result.suggestions.length <= 5);
  t.ok(result.industryCodes.some((code: { code: string }) => code.code === 'medical-devices'), 'the focus code beside the GB/T one');
  const first = result.suggestions[0];
  t.match(first, { rank: 1, fit: 'strong', park: { id: String, name: String } });
  t.equal(first.reasons.length, 6, 'one reason per factor');
  t.ok(first.reasons.every((reason: { zh: string; en: string }) => reason.zh && reason.en), 'in Chinese and English');
  t.same(await database.db.selectFrom('match_requests').select('id').execute(), [], 'no request, no run, no lead');
  t.equal((await app.inject({ method: 'POST', url: '/v1/match', headers: crm, payload: { industry: 'x' } })).statusCode, 422);
  const { company: _company, contact: _contact, ...needsOnly } = deviceMaker as Record<string, unknown>;
  const anonymous = await app.inject({ method: 'POST', url: '/v1/match?detail=full', headers: crm, payload: needsOnly });
  t.equal(anonymous.statusCode, 200, `a preview needs no company or contact: ${anonymous.body.slice(0, 300)}`);
  t.same(anonymous.json().suggestions.map((s: { park: { id: string } }) => s.park.id), result.suggestions.map((s: { park: { id: string } }) => s.park.id), 'and ranks as with them');
});

t.test('a posted lead is matched in the background and its suggestions explained', async (t) => {
  await startWorker(t);
  const lead = (await post(app, deviceMaker)).json();
  const pending = await suggestions(lead.id);
  t.ok([200, 202].includes(pending.statusCode));
  const done = await eventually(async () => {
    const response = await suggestions(lead.id);
    return response.statusCode === 200 ? response.json() : undefined;
  }, 20_000);
  t.match(done, { leadId: lead.id, status: 'matched', statusReason: null, run: { rulesVersion: String, catalogVersion: 1 } });
  t.ok(done.run.result.suggestions.length > 0);
  const reason = done.run.result.suggestions[0].reasons.find((r: { factor: string }) => r.factor === 'industry');
  t.ok(reason.matchedTerms.length > 0, 'the industry reason quotes the lead’s words');
  t.ok(reason.evidence.length > 0, 'and cites the catalog’s sources');

  const patched = await app.inject({ method: 'PATCH', url: `/v1/leads/${lead.id}`, headers: crm, payload: { industry: '声学器件', regions: [] } });
  t.equal(patched.json().status, 'pending', 'changed needs wait for a new match');
  const runs = await eventually(async () => {
    const history = (await app.inject({ url: `/v1/leads/${lead.id}/match-runs`, headers: crm })).json().items;
    return history.length === 2 ? history : undefined;
  }, 20_000);
  t.ok(new Date(runs[0].createdAt) >= new Date(runs[1].createdAt), 'newest first');
  t.ok(runs[0].changes, 'the run records how the suggestions changed');
  const events = await database.db.selectFrom('lead_events').select('type').where('lead_id', '=', lead.id).execute();
  t.ok(events.some((event) => event.type === 'lead.suggestions_changed'));
  t.equal((await app.inject({ url: `/v1/leads/${lead.id}/suggestions`, headers: auth(KEYS.otherCrm) })).statusCode, 404, 'other keys see nothing');
});

t.test('a lead accepted while the queue is down is matched once the sweeper runs', async (t) => {
  const brokenQueue = openJobQueue({ redisUrl: 'redis://127.0.0.1:1', db: database.db, prefix: uniqueName('down'), log: silent });
  t.teardown(() => brokenQueue.close());
  const { app: offline } = await buildTestApp(t, { database, jobs: brokenQueue });
  const created = await post(offline, validLead({ industry: '人工智能语音识别', uses: ['office'] }));
  t.equal(created.statusCode, 201, 'the lead is accepted without Redis');
  const request = await database.db.selectFrom('match_requests').selectAll().where('lead_id', '=', created.json().id).executeTakeFirstOrThrow();
  t.equal(request.enqueued_at, null, 'the intent to match committed with the lead');

  const queue = openJobQueue({ db: database.db, log: silent });
  const handlers = buildHandlers({ personalData, db: database.db, catalogs: new CatalogCache(database.db), queue, now: () => new Date() });
  await handlers.dispatch(sweepMatchRequests.name, { olderThanMs: 1000 }, { jobId: 'sweep', attempt: 1, log: silent }).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await handlers.dispatch(sweepMatchRequests.name, { olderThanMs: 1000 }, { jobId: 'sweep', attempt: 1, log: silent });
  await startWorker(t);
  const done = await eventually(async () => ((await suggestions(created.json().id)).statusCode === 200 ? true : undefined), 20_000);
  t.ok(done, 'matched');
});

t.test('a failed request writes no match request', async (t) => {
  const before = await database.db.selectFrom('match_requests').select('id').execute();
  const response = await post(app, validLead({ uses: ['mining'] }));
  t.equal(response.statusCode, 422);
  t.match(problemOf(response).errors, [{ pointer: '/uses/0' }]);
  t.equal((await database.db.selectFrom('match_requests').select('id').execute()).length, before.length);
});
