import t from 'tap';
import { openJobQueue } from '@leadmatch/jobs';
import { eventually, uniqueName } from '@leadmatch/testing';
import { auth, buildTestApp, KEYS, post, validLead } from './support.ts';

/** Each sample of a scrape, keyed by its name and labels as exposed, e.g. `leadmatch_leads{status="pending"}`. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const sample = /^(\w+(?:\{.*\})?) (\S+)$/.exec(line);
    if (sample) found.set(sample[1]!, Number(sample[2]));
  }
  return found;
}

const admin = auth(KEYS.admin);
const scrape = async (app: Awaited<ReturnType<typeof buildTestApp>>['app']) => {
  const response = await app.inject({ url: '/metrics', headers: admin });
  return { response, samples: samples(response.body) };
};

t.test('admins scrape Prometheus text; every other key is refused', async (t) => {
  const { app } = await buildTestApp(t);
  const { response, samples: scraped } = await scrape(app);
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  for (const family of [
    'leadmatch_http_requests_total',
    'leadmatch_http_request_duration_seconds',
    'leadmatch_match_duration_seconds',
    'leadmatch_jobs_failed_total',
    'leadmatch_queue_jobs',
    'leadmatch_webhook_deliveries',
    'leadmatch_webhook_delivery_attempts_total',
    'leadmatch_leads',
    'leadmatch_process_cpu_seconds_total',
    'leadmatch_nodejs_eventloop_lag_seconds',
  ]) {
    t.match(response.body, new RegExp(`^# TYPE ${family} `, 'm'), `${family} is exposed`);
  }
  t.equal(scraped.get('leadmatch_webhook_delivery_attempts_total{outcome="delivered"}'), 0, 'outcomes are there before the first attempt');

  for (const [name, headers, status] of [
    ['crm', auth(KEYS.crm), 403],
    ['staff', auth(KEYS.staff), 403],
    ['no key', {}, 401],
    ['an unknown key', auth('not-a-key'), 401],
  ] as const) {
    const refused = await app.inject({ url: '/metrics', headers });
    t.equal(refused.statusCode, status, `${name}: ${status}`);
    t.match(refused.headers['content-type'], /^application\/problem\+json/);
    t.notMatch(refused.body, /leadmatch_/, `${name} learns no metric`);
  }
});

t.test('requests count by route template, never by raw URL', async (t) => {
  const { app } = await buildTestApp(t);
  const id = (await post(app, validLead())).json().id as string;
  await app.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.crm) });
  await app.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.crm) });
  await app.inject({ url: `/no/such/path/${id}` });
  const { response, samples: scraped } = await scrape(app);

  t.equal(scraped.get(`leadmatch_http_requests_total{method="GET",route="/v1/leads/:id",status_code="200"}`), 2);
  t.equal(scraped.get(`leadmatch_http_requests_total{method="POST",route="/v1/leads",status_code="201"}`), 1);
  t.equal(scraped.get(`leadmatch_http_requests_total{method="GET",route="unmatched",status_code="404"}`), 1);
  t.equal(scraped.get(`leadmatch_http_request_duration_seconds_count{method="GET",route="/v1/leads/:id",status_code="200"}`), 2);
  t.ok(scraped.get(`leadmatch_http_request_duration_seconds_sum{method="GET",route="/v1/leads/:id",status_code="200"}`)! > 0);
  t.notOk(response.body.includes(id), 'no lead id, nor any raw path, in a label');
});

t.test('gauges read leads, queued jobs and webhook deliveries from the stores at each scrape', async (t) => {
  const { app, database } = await buildTestApp(t);
  const { db } = database;
  const before = (await scrape(app)).samples;
  t.equal(before.get('leadmatch_leads{status="pending"}'), 0);
  t.equal(before.get('leadmatch_webhook_deliveries{status="failed"}'), 0);

  const ids: string[] = [];
  for (const lead of [validLead(), validLead()]) ids.push((await post(app, lead)).json().id);
  const subscription = await app.inject({
    method: 'POST',
    url: '/v1/webhook-subscriptions',
    headers: admin,
    payload: { url: 'https://crm.example.invalid/hooks', secret: 'a-shared-secret-of-16+', events: ['lead.matched'] },
  });
  const event = await db
    .insertInto('lead_events')
    .values({ lead_id: ids[0]!, type: 'lead.matched', data: JSON.stringify({}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('webhook_deliveries')
    .values({ subscription_id: subscription.json().id, event_id: event.id, event_type: 'lead.matched', status: 'failed', attempts: 6 })
    .execute();

  // The API hands each match request to the queue after it answers, so the jobs appear a moment later.
  const after = await eventually(async () => {
    const { samples } = await scrape(app);
    return samples.get('leadmatch_queue_jobs{queue="match",state="waiting"}') === 2 ? samples : undefined;
  });
  t.equal(after.get('leadmatch_leads{status="pending"}'), 2, 'both leads wait for their match');
  t.equal(after.get('leadmatch_leads{status="matched"}'), 0);
  t.equal(after.get('leadmatch_webhook_deliveries{status="failed"}'), 1);
  t.equal(after.get('leadmatch_webhook_deliveries{status="pending"}'), 0);
  t.equal(after.get('leadmatch_queue_jobs{queue="match",state="waiting"}'), 2, 'one match job per lead, in the Postgres job store');
  for (const queue of ['match', 'followups', 'webhooks', 'maintenance']) {
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
      t.ok(after.has(`leadmatch_queue_jobs{queue="${queue}",state="${state}"}`), `${queue} ${state}`);
    }
  }
});

t.test('a job store that cannot be reached leaves its gauge empty and the rest of the scrape served', async (t) => {
  const { database } = await buildTestApp(t);
  const jobs = openJobQueue({ redisUrl: 'redis://127.0.0.1:1', db: database.db, prefix: uniqueName('metrics'), log: { info() {}, warn() {}, error() {} } });
  t.teardown(() => jobs.close());
  const { app } = await buildTestApp(t, { database, jobs });
  const { response, samples: scraped } = await scrape(app);
  t.equal(response.statusCode, 200);
  t.notMatch(response.body, /^leadmatch_queue_jobs\{/m, 'no queue samples');
  t.equal(scraped.get('leadmatch_metrics_read_failures_total{gauge="leadmatch_queue_jobs"}'), 1);
  t.equal(scraped.get('leadmatch_metrics_read_failures_total{gauge="leadmatch_leads"}'), 0);
  t.equal(scraped.get('leadmatch_leads{status="pending"}'), 0, 'the database gauges still answer');
});
