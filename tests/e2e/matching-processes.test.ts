import t from 'tap';
import { eventually, redisPrefix, serviceUrl, testDatabase } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';

const headers = { authorization: 'Bearer e2e-matching-key', 'content-type': 'application/json' };
const lead = (externalId: string) => ({
  externalId,
  company: { name: `苏州示例医疗器械有限公司 ${externalId}` },
  contact: { name: '王芳', phone: '13900001111' },
  industry: '植入式医疗器械',
  uses: ['production'],
  building: { area: 3000, unit: 'm2', tenure: 'rent' },
  regions: ['苏州'],
});

t.test('API and a separate BullMQ worker: a lead gets explained suggestions within seconds, and none is lost', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const prefix = redisPrefix(t, redisUrl, 'e2e-match');
  const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, API_KEYS: 'crm:e2e-matching-key', LOG_LEVEL: 'info' };

  const api = await startService(t, 'services/api/src/server.ts', env);
  const url = await listening(api);
  let worker = await startService(t, 'services/worker/src/main.ts', env);
  await worker.waitFor(/worker started/);

  const suggestions = async (id: string) => {
    const response = await fetch(`${url}/v1/leads/${id}/suggestions`, { headers });
    return response.status === 200 ? ((await response.json()) as { status: string; run: { result: { suggestions: { fit: string; reasons: unknown[] }[] } } }) : undefined;
  };
  const post = async (externalId: string) =>
    ((await (await fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead(externalId)) })).json()) as { id: string });

  const started = performance.now();
  const first = await post('E2E-1');
  const matched = await eventually(() => suggestions(first.id), 15_000);
  t.comment(`matched ${(performance.now() - started).toFixed(0)} ms after it was posted`);
  t.equal(matched.status, 'matched');
  t.ok(matched.run.result.suggestions.length > 0);
  t.ok(matched.run.result.suggestions[0]!.reasons.length === 6);

  await worker.stop('SIGKILL');
  const second = await post('E2E-2');
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(await suggestions(second.id), undefined, 'without a worker the lead waits');
  worker = await startService(t, 'services/worker/src/main.ts', env);
  await worker.waitFor(/worker started/);
  t.ok(await eventually(() => suggestions(second.id), 20_000), 'a new worker matches it');

  t.equal((await worker.stop('SIGTERM')).code, 0);
  t.equal((await api.stop('SIGTERM')).code, 0);
});
