import t from 'tap';
import { loadConfig } from '@leadmatch/config';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { API_KEYS, auth, buildTestApp, buildTestAppWithRoutes, KEYS, post, validLead } from './support.ts';

const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`admin:${secret}`).toString('base64')}` });

const redisUrl = serviceUrl(t, 'REDIS_URL');
if (redisUrl) {
  const prefix = uniqueName('dashboard');
  const matchQueue = inspectQueue(t, redisUrl, prefix, 'match');
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
  const { app, routes } = await buildTestAppWithRoutes(t, { config });
  const dashboardRoutes = routes.filter((route) => route.url.startsWith('/admin/queues') && route.method !== 'HEAD');

  t.test('the dashboard lists the match, follow-up and webhook queues with their jobs, for the admin key', async (t) => {
    t.equal((await post(app, validLead())).statusCode, 201);
    const waiting = await eventually(async () => (await matchQueue.getJobCounts('waiting'))['waiting'] || undefined);
    t.ok(waiting >= 1, 'the lead waits in the match queue');

    const answer = await app.inject({ url: '/admin/queues/api/queues?activeQueue=match&status=waiting', headers: auth(KEYS.admin) });
    t.equal(answer.statusCode, 200);
    const queues = answer.json().queues as { name: string; counts: Record<string, number>; jobs: { name: string }[] }[];
    t.same(queues.map((queue) => queue.name).sort(), ['followups', 'maintenance', 'match', 'webhooks']);
    const match = queues.find((queue) => queue.name === 'match')!;
    t.equal(match.counts['waiting'], waiting, 'counts come from this app’s queue');
    t.ok(match.jobs.length >= 1, 'the waiting job is listed');
  });

  t.test('the page loads in a browser with the admin key as a Basic password', async (t) => {
    const page = await app.inject({ url: '/admin/queues', headers: basic(KEYS.admin) });
    t.equal(page.statusCode, 200);
    t.match(page.headers['content-type'], /text\/html/);
    t.match(page.headers['content-security-policy'], /script-src 'self'/, 'the dashboard runs under a policy of its own');
    const scripts = [...page.body.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!);
    t.ok(scripts.length > 0, 'the page loads its scripts');
    for (const script of scripts) {
      t.notMatch(script, /^[a-z]+:|^\/\//i, `${script} is same-origin`);
      const asset = await app.inject({ url: `/admin/queues/${script}`, headers: basic(KEYS.admin) });
      t.equal(asset.statusCode, 200, `${script} loads`);
    }
  });

  t.test('everyone but the admin key is refused, on every dashboard route', async (t) => {
    t.ok(dashboardRoutes.length > 10, `${dashboardRoutes.length} dashboard routes found`);
    const askers = {
      none: { headers: {}, status: 401 },
      badKey: { headers: auth('not-a-key'), status: 401 },
      badBasic: { headers: basic('not-a-key'), status: 401 },
      crm: { headers: auth(KEYS.crm), status: 403 },
      staff: { headers: basic(KEYS.staff), status: 403 },
    };
    for (const route of dashboardRoutes) {
      const url = route.url.replaceAll(/:(\w+)/g, 'match');
      for (const method of [route.method].flat()) {
        for (const [name, asker] of Object.entries(askers)) {
          const answer = await app.inject({ method: method as 'GET', url, headers: asker.headers });
          t.equal(answer.statusCode, asker.status, `${method} ${route.url} as ${name}`);
          t.match(answer.headers['content-type'], /^application\/problem\+json/);
        }
      }
    }
    const challenge = await app.inject({ url: '/admin/queues' });
    t.match(challenge.headers['www-authenticate'], /^Basic realm="leadmatch"/, 'a browser is asked for the key');
  });

  t.test('the dashboard only shows: it removes, pauses and retries nothing', async (t) => {
    const before = await matchQueue.getJobCounts();
    for (const url of ['/admin/queues/api/queues/match/pause', '/admin/queues/api/queues/match/empty', '/admin/queues/api/queues/match/retry/failed']) {
      const answer = await app.inject({ method: 'PUT', url, headers: auth(KEYS.admin) });
      t.equal(answer.statusCode, 405, `PUT ${url} is refused`);
    }
    t.same(await matchQueue.getJobCounts(), before, 'the queue is as it was');
    t.notOk(await matchQueue.isPaused());
  });

  t.test('a write with the browser login must come from the dashboard’s own pages', async (t) => {
    const url = '/admin/queues/api/queues/match/pause';
    const forged = await app.inject({ method: 'PUT', url, headers: { ...basic(KEYS.admin), 'sec-fetch-site': 'cross-site' } });
    t.equal(forged.statusCode, 403, 'a request another site makes the browser send is refused');
    const otherOrigin = await app.inject({ method: 'PUT', url, headers: { ...basic(KEYS.admin), origin: 'https://evil.example' } });
    t.equal(otherOrigin.statusCode, 403, 'so is one from another origin');
    const own = await app.inject({ method: 'PUT', url, headers: { ...basic(KEYS.admin), 'sec-fetch-site': 'same-origin' } });
    t.equal(own.statusCode, 405, 'the dashboard’s own request reaches it (and is refused as read-only)');
    const read = await app.inject({ url: '/admin/queues/api/queues', headers: { ...basic(KEYS.admin), 'sec-fetch-site': 'cross-site' } });
    t.equal(read.statusCode, 200, 'reads are not writes');
  });

  t.test('a Basic password is no key anywhere else in the API', async (t) => {
    const answer = await app.inject({ url: '/v1/leads', headers: basic(KEYS.admin) });
    t.equal(answer.statusCode, 401);
    t.equal(answer.headers['www-authenticate'], 'Bearer');
  });
}

t.test('without Redis the dashboard says why it is not there', async (t) => {
  const { app } = await buildTestApp(t);
  const answer = await app.inject({ url: '/admin/queues', headers: auth(KEYS.admin) });
  t.equal(answer.statusCode, 404);
  t.equal(answer.json().type, '/problems/queue-dashboard-unavailable');
  t.match(answer.json().detail, /REDIS_URL/);
  t.equal((await app.inject({ url: '/admin/queues', headers: auth(KEYS.staff) })).statusCode, 403);
});
