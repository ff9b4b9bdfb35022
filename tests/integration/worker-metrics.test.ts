import { createServer } from 'node:net';
import t, { type Test } from 'tap';
import { auth, API_KEYS, buildTestApp, KEYS, post, validLead } from '@leadmatch/api/testing';
import { seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { BullMqJobQueue } from '@leadmatch/jobs';
import { DEFAULT_WORKER_METRICS_PORT, Metrics, serveMetrics } from '@leadmatch/metrics';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { startWorker } from '@leadmatch/worker';
import { startReceiver } from '../support/webhook-receiver.ts';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const QUEUES = ['match', 'maintenance', 'webhooks', 'followups'];

/** The value of one sample of a scrape, by its name and labels as exposed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function leadStatus(db: Awaited<ReturnType<typeof buildTestApp>>['database']['db'], id: string) {
  return (await db.selectFrom('leads').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

async function subscribe(t: Test, app: Awaited<ReturnType<typeof buildTestApp>>['app'], url: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/webhook-subscriptions',
    headers: auth(KEYS.admin),
    payload: { url, secret: 'a-shared-secret-of-16+', events: ['lead.matched'] },
  });
  t.equal(response.statusCode, 201);
}

t.test('a BullMQ worker alone serves its own metrics: matches, failed job attempts, webhook outcomes and the store gauges', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const prefix = uniqueName('leadmatch_metrics');
  for (const queue of QUEUES) inspectQueue(t, redisUrl, prefix, queue);
  const jobs = new BullMqJobQueue({ redisUrl, prefix, log });
  t.teardown(() => jobs.close());
  const config = loadConfig({ API_KEYS, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
  const { app, database } = await buildTestApp(t, { jobs, config });
  await seedCatalog(database.db);

  const metrics = new Metrics();
  const server = await serveMetrics(metrics, { port: 0, host: '127.0.0.1' });
  t.teardown(() => server.close());
  const worker = await startWorker(config, database, log, metrics);
  t.teardown(() => worker.close());

  const receiver = await startReceiver(t);
  receiver.script('/fails', [], 500);
  await subscribe(t, app, `${receiver.url}/accepts`);
  await subscribe(t, app, `${receiver.url}/fails`);
  const lead = (await post(app, validLead())).json().id as string;
  await eventually(async () => ((await leadStatus(database.db, lead)) === 'matched' ? true : undefined), 15_000);
  await eventually(() => (receiver.received.length >= 2 ? true : undefined), 15_000);

  const text = await eventually(async () => {
    const scraped = await (await fetch(server.url)).text();
    return sample(scraped, 'leadmatch_jobs_failed_total{queue="webhooks",job="webhooks.deliver"}') === 1 ? scraped : undefined;
  });
  t.equal(sample(text, 'leadmatch_match_duration_seconds_count'), 1, 'one lead went through the matcher');
  t.ok(sample(text, 'leadmatch_match_duration_seconds_sum')! > 0);
  t.equal(sample(text, 'leadmatch_jobs_failed_total{queue="match",job="match.lead"}'), 0, 'job types without failures are there at 0');
  t.equal(sample(text, 'leadmatch_webhook_delivery_attempts_total{outcome="delivered"}'), 1);
  t.equal(sample(text, 'leadmatch_webhook_delivery_attempts_total{outcome="retrying"}'), 1);
  t.equal(sample(text, 'leadmatch_webhook_delivery_attempts_total{outcome="failed"}'), 0);
  t.equal(sample(text, 'leadmatch_leads{status="matched"}'), 1);
  t.equal(sample(text, 'leadmatch_webhook_deliveries{status="delivered"}'), 1);
  t.equal(sample(text, 'leadmatch_webhook_deliveries{status="pending"}'), 1, 'the failed delivery waits for its retry');
  t.ok(sample(text, 'leadmatch_queue_jobs{queue="webhooks",state="delayed"}')! >= 1, 'its retry waits in BullMQ (beside the relay’s next run)');
  t.ok(sample(text, 'leadmatch_queue_jobs{queue="match",state="completed"}')! >= 1);
  t.ok(sample(text, 'leadmatch_process_resident_memory_bytes')! > 0, 'the process metrics');
  t.notMatch(text, /leadmatch_http_requests_total\{/, 'a worker serves no API requests');

  t.equal((await fetch(server.url.replace('/metrics', '/other'))).status, 404);
});

t.test('in one process with the API, the worker records into the API’s metrics', async (t) => {
  const { app, database } = await buildTestApp(t);
  await seedCatalog(database.db);
  const config = loadConfig({ API_KEYS, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const worker = await startWorker(config, database, log, app.metrics);
  t.teardown(() => worker.close());

  const lead = (await post(app, validLead())).json().id as string;
  await eventually(async () => ((await leadStatus(database.db, lead)) === 'matched' ? true : undefined), 15_000);
  const text = (await app.inject({ url: '/metrics', headers: auth(KEYS.admin) })).body;
  t.equal(sample(text, 'leadmatch_match_duration_seconds_count'), 1);
  t.equal(sample(text, 'leadmatch_leads{status="matched"}'), 1);
  t.equal(sample(text, 'leadmatch_jobs_failed_total{queue="match",job="match.lead"}'), 0);
  t.equal(text.match(/^# TYPE leadmatch_match_duration_seconds /gm)?.length, 1, 'one registry, each family once');
});

t.test('a metrics port already taken stops the start with what to change', async (t) => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.teardown(() => taken.close());
  const { port } = taken.address() as { port: number };
  await t.rejects(serveMetrics(new Metrics(), { port, host: '127.0.0.1' }), /EADDRINUSE.*METRICS_PORT/);
});

t.test('with METRICS_PORT unset, a second worker on the host serves on any free port, and answers /health', async (t) => {
  const holder = createServer();
  await new Promise<void>((resolve) => {
    holder.once('error', () => resolve());
    holder.listen(DEFAULT_WORKER_METRICS_PORT, '127.0.0.1', resolve);
  });
  t.teardown(() => holder.close());
  const server = await serveMetrics(new Metrics(), { port: null, host: '127.0.0.1' });
  t.teardown(() => server.close());
  const port = Number(new URL(server.url).port);
  t.not(port, DEFAULT_WORKER_METRICS_PORT, `9464 is held, so it took ${port}`);
  const health = await fetch(server.url.replace('/metrics', '/health'));
  t.equal(health.status, 200);
});
