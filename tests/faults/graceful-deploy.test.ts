import { sql } from 'kysely';
import t from 'tap';
import { eventually, inspectQueue, serviceUrl, testDatabase, uniqueName } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';

const API_KEYS = 'crm:shutdown-test-key';
const headers = { authorization: 'Bearer shutdown-test-key', 'content-type': 'application/json' };

function lead(i: number) {
  return {
    externalId: `SHUTDOWN-${i}`,
    company: { name: `停机测试公司${i}` },
    contact: { name: '测试', phone: '13800000000' },
    industry: '人工智能',
    uses: ['office'],
  };
}

t.setTimeout(180_000);

t.test('API: SIGTERM stops accepting, finishes requests in flight, and loses none that were answered', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('PGlite cannot be shared with a separate process; this runs against DATABASE_URL');
    return;
  }
  const api = await startService(t, 'services/api/src/server.ts', {
    DATABASE_URL: database.url,
    API_KEYS,
    LOG_LEVEL: 'info',
  });
  const url = await listening(api);

  let firstAnswer!: () => void;
  const firstAnswered = new Promise<void>((resolve) => (firstAnswer = resolve));
  const burst = Array.from({ length: 300 }, (_, i) =>
    fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead(i)) }).then(
      (response) => {
        firstAnswer();
        return { status: response.status, externalId: `SHUTDOWN-${i}` };
      },
      () => ({ status: 0, externalId: `SHUTDOWN-${i}` }),
    ),
  );
  await firstAnswered;
  const stopping = api.stop('SIGTERM');
  const results = await Promise.all(burst);
  const { code } = await stopping;
  t.equal(code, 0, 'the process exits cleanly');

  const answered = results.filter((result) => result.status === 201).map((result) => result.externalId);
  t.ok(answered.length > 0, `${answered.length} requests were answered before the shutdown`);
  t.ok(
    results.every((result) => [0, 201, 503].includes(result.status)),
    'every other request was refused (503 or connection closed), none failed half way',
  );
  const { rows } = await sql<{ external_id: string }>`select external_id from leads`.execute(database.db);
  const stored = new Set(rows.map((row) => row.external_id));
  t.ok(answered.every((id) => stored.has(id)), 'every answered lead is stored');
  t.ok(api.output.some((line) => line.includes('shutting down')), 'the shutdown is logged');
});

t.test('worker: SIGTERM while match jobs run finishes or re-queues them, and a new worker completes every lead', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const prefix = uniqueName('faults-deploy');
  const match = inspectQueue(t, redisUrl, prefix, 'match');
  for (const name of ['maintenance', 'webhooks', 'followups']) inspectQueue(t, redisUrl, prefix, name);
  const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, API_KEYS, LOG_LEVEL: 'info' };
  const api = await startService(t, 'services/api/src/server.ts', env);
  const url = await listening(api);
  const oldWorker = await startService(t, 'services/worker/src/main.ts', env);
  await oldWorker.waitFor(/worker started/);

  const posts = Array.from({ length: 200 }, (_, i) =>
    fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead(i)) }).then((response) => response.status),
  );
  await eventually(async () => (await match.getActiveCount()) > 0, 30_000);
  const stopping = performance.now();
  const { code } = await oldWorker.stop('SIGTERM');
  const stoppedAfterMs = performance.now() - stopping;
  t.equal(code, 0, 'the worker exits cleanly');
  t.ok(stoppedAfterMs < 30_000, `it exits on its own (${Math.round(stoppedAfterMs)} ms), before the 30 s grace delay would force it`);
  t.ok(oldWorker.output.some((line) => line.includes('shutting down: finishing running jobs')), 'the shutdown is logged');
  t.equal(await match.getActiveCount(), 0, 'it left no job active: each finished or went back to waiting');
  t.ok((await Promise.all(posts)).every((status) => status === 201), 'every lead was accepted');

  const newWorker = await startService(t, 'services/worker/src/main.ts', env);
  await newWorker.waitFor(/worker started/);
  const unmatched = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from match_requests where completed_at is null`.execute(database.db)).rows[0]!.n;
  await eventually(async () => (await unmatched()) === 0 && (await match.getActiveCount()) === 0 && (await match.getWaitingCount()) === 0, 60_000);
  const { rows } = await sql<{ leads: number; runs: number }>`
    select (select count(*)::int from leads) as leads, (select count(distinct lead_id)::int from match_runs) as runs`.execute(database.db);
  t.same(rows[0], { leads: 200, runs: 200 }, 'every lead is matched after the new worker starts');
  t.equal(await match.getFailedCount(), 0, 'no match job failed');
  t.equal((await newWorker.stop('SIGTERM')).code, 0, 'the new worker stops cleanly too');
  t.equal((await api.stop('SIGTERM')).code, 0, 'and the API');
});
