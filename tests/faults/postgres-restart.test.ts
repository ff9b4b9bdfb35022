import t, { type Test } from 'tap';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { startPostgresServer } from '../support/postgres-server.ts';
import { listening, startService, type RunningService } from '../support/process.ts';

/** No request may take longer than this while the database is down: it fails fast instead of hanging. */
const OUTAGE_ANSWER_BOUND_MS = 10_000;
/** After the database is back, the API takes new leads again within this, with nothing restarted. */
const RECOVERY_BOUND_MS = 15_000;
/** Match jobs that failed during the outage retry with backoff; by then every waiting lead is matched. */
const MATCH_BOUND_MS = 45_000;
/** The catalog-change check runs every 15 s, outage or not. */
const PERIODIC_BOUND_MS = 30_000;

const KEY = 'fault-postgres-key';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
let companies = 0;
/** Each lead its own company and phone, so none is taken for a duplicate of another. */
const lead = (externalId: string) => ({
  externalId,
  company: { name: `苏州故障演练医疗器械${++companies}号有限公司` },
  contact: { name: '王芳', phone: `139${String(10_000_000 + companies)}` },
  industry: '植入式医疗器械',
  uses: ['production'],
  building: { area: 3000, unit: 'm2', tenure: 'rent' },
  regions: ['苏州'],
});

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

function apiClient(url: string) {
  // Every body is read to its end: a response left unread holds its connection open, and the API's shutdown waits for it.
  const request = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(OUTAGE_ANSWER_BOUND_MS), ...init });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    request,
    postLead: (body: object, idempotencyKey: string) =>
      request('/v1/leads', { method: 'POST', headers: { ...headers, 'idempotency-key': idempotencyKey }, body: JSON.stringify(body) }),
    matched: async (id: string) => (await request(`/v1/leads/${id}/suggestions`)).status === 200,
  };
}

function stillRunning(t: Test, service: RunningService, name: string) {
  t.equal(service.child.exitCode, null, `${name} is still running`);
  t.equal(service.child.signalCode, null, `${name} was not killed`);
}

t.test('Postgres restarts under a running API and worker: 503 while down, service resumes by itself', async (t) => {
  t.setTimeout(150_000);
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const postgres = await startPostgresServer(t);
  const prefix = uniqueName('fault-pg');
  const match = inspectQueue(t, redisUrl, prefix, 'match');
  for (const queue of ['maintenance', 'webhooks', 'followups']) inspectQueue(t, redisUrl, prefix, queue);
  const env = { DATABASE_URL: postgres.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, API_KEYS: `crm:${KEY}`, LOG_LEVEL: 'info' };

  const api = await startService(t, 'services/api/src/server.ts', env);
  const url = await listening(api);
  const worker = await startService(t, 'services/worker/src/main.ts', env);
  await worker.waitFor(/worker started/);

  const { request, postLead, matched } = apiClient(url);
  t.teardown(() => {
    if (!t.passing()) t.comment(`API log:\n${api.output.join('\n')}\nworker log:\n${worker.output.join('\n')}`);
  });
  const before = await postLead(lead('FAULT-PG-BEFORE'), 'fault-pg-before');
  t.equal(before.status, 201, 'a lead is taken while Postgres is up');
  const beforeId = (before.body as { id: string }).id;

  // Paused, the worker cannot match this lead before the outage: it is waiting when Postgres goes away.
  worker.child.kill('SIGSTOP');
  const waiting = await postLead(lead('FAULT-PG-WAITING'), 'fault-pg-waiting');
  t.equal(waiting.status, 201, 'a second lead is taken, its match still to do');
  const waitingId = (waiting.body as { id: string }).id;

  await postgres.stop('immediate');
  worker.child.kill('SIGCONT');
  const refusedLead = lead('FAULT-PG-DURING');

  await t.test('while Postgres is down', async (t) => {
    const refused = await postLead(refusedLead, 'fault-pg-during');
    t.equal(refused.status, 503, 'a new lead is refused as unavailable, not as a server bug');
    t.match(refused.headers.get('content-type'), /^application\/problem\+json/);
    t.match(refused.headers.get('retry-after'), /^[1-9]\d*$/, 'the client is told when to retry');
    t.match(refused.body, { type: '/problems/database-unavailable', status: 503, title: 'Service unavailable' });

    const read = await request(`/v1/leads/${beforeId}`);
    t.equal(read.status, 503, 'reads that need the database are refused the same way');
    t.ok(read.headers.get('retry-after'));

    const ready = await request('/health/ready');
    t.equal(ready.status, 503);
    t.same(ready.body, { status: 'not ready', checks: { database: 'failing', queue: 'ok' } }, 'readiness names the database');
    t.equal((await request('/health/live')).status, 200, 'the process is alive all the same');

    await worker.waitFor(/job attempt failed/, OUTAGE_ANSWER_BOUND_MS);
    t.pass('the worker tried the waiting match and failed on the database');
    stillRunning(t, api, 'the API');
    stillRunning(t, worker, 'the worker');
  });

  await postgres.start();
  const restartedAt = Date.now();

  await t.test('once Postgres is back, without restarting anything', async (t) => {
    const back = await eventually(async () => {
      const response = await postLead(refusedLead, 'fault-pg-during').catch(() => undefined);
      return response?.status === 201 ? response : undefined;
    }, RECOVERY_BOUND_MS);
    t.equal(back.status, 201, 'the lead refused during the outage is taken on retry with the same Idempotency-Key');
    const afterId = (back.body as { id: string }).id;
    t.equal((await request('/health/ready')).status, 200, 'ready again');

    await eventually(() => matched(waitingId), MATCH_BOUND_MS);
    t.pass('the lead accepted before the outage is matched');
    await eventually(() => matched(afterId), MATCH_BOUND_MS);
    t.pass('the lead accepted after the outage is matched');
    t.ok(await matched(beforeId));

    const schedulers = (await match.getJobSchedulers()).map((scheduler) => scheduler.key);
    t.ok(schedulers.includes('sweep-match-requests'), 'the periodic sweeper is still scheduled');
    await eventually(async () => {
      const completed = await match.getJobs(['completed']);
      return completed.some((job) => job.name === 'match.catalog-changes' && (job.finishedOn ?? 0) > restartedAt);
    }, PERIODIC_BOUND_MS);
    t.pass('a periodic job runs to completion after the restart');
    stillRunning(t, api, 'the API');
    stillRunning(t, worker, 'the worker');
  });

  t.equal((await worker.stop('SIGTERM')).code, 0, 'the worker shuts down cleanly');
  t.equal((await api.stop('SIGTERM')).code, 0, 'the API shuts down cleanly');
});
