import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import t, { type Test } from 'tap';
import { openDatabase } from '@leadmatch/db';
import { openJobQueue } from '@leadmatch/jobs';
import { redisPrefix, serviceUrl, uniqueName } from '@leadmatch/testing';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

type ProxyMode = 'forward' | 'refuse' | 'hang';

/**
 * A TCP proxy in front of this test's database, to take the database away from a running app:
 * `refuse` closes every connection and refuses new ones; `hang` accepts new ones and never answers.
 */
async function databaseProxy(t: Test, target: { host: string; port: number }) {
  let mode: ProxyMode = 'forward';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (mode !== 'forward') return;
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  t.teardown(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return {
    port,
    async set(next: ProxyMode) {
      mode = next;
      for (const socket of sockets) socket.destroy();
      if (next === 'refuse') await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * An app whose database connections go through a proxy, with its job queue on this test's database
 * directly; undefined (the test skips, saying why) without a Postgres server to put the proxy before.
 */
async function appBehindProxy(t: Test) {
  if (!serviceUrl(t, 'DATABASE_URL')) return undefined;
  const { database: direct } = await buildTestApp(t);
  const target = new URL(direct.url!);
  const proxy = await databaseProxy(t, { host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(direct.url!);
  proxied.host = `127.0.0.1:${proxy.port}`;
  const database = await openDatabase({ databaseUrl: proxied.toString(), dataDir: 'memory://', connectTimeoutMs: 500, log: { info: () => {}, warn: () => {} } });
  t.teardown(() => database.close());
  const { app } = await buildTestApp(t, { database, jobs: openJobQueue({ db: direct.db }) });
  return { app, proxy };
}

t.test('ready when the database and the Postgres job store answer', async (t) => {
  const { app } = await buildTestApp(t);
  t.same((await app.inject({ url: '/health/live' })).json(), { status: 'ok' });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready', checks: { database: 'ok', queue: 'ok' } });
});

t.test('ready checks Redis when jobs go through BullMQ', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const { database } = await buildTestApp(t);
  const jobs = openJobQueue({ redisUrl, db: database.db, prefix: redisPrefix(t, redisUrl, 'health') });
  t.teardown(() => jobs.close());
  const { app } = await buildTestApp(t, { database, jobs });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 200);
  t.equal(jobs.mode, 'bullmq');
});

t.test('degraded, not unready, with the failing part named, when only Redis cannot be reached: intake still works', async (t) => {
  const { database } = await buildTestApp(t);
  const jobs = openJobQueue({ redisUrl: 'redis://127.0.0.1:1', db: database.db, prefix: uniqueName('health') });
  t.teardown(() => jobs.close());
  const { app } = await buildTestApp(t, { database, jobs });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 200, 'a load balancer keeps sending traffic');
  t.same(ready.json(), { status: 'degraded', checks: { database: 'ok', queue: 'failing' } });
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200, 'alive all the same');
  t.equal((await post(app, validLead())).statusCode, 201, 'and a lead is accepted');
});

t.test('when the database goes away: not ready, and requests get 503 with Retry-After', async (t) => {
  const behind = await appBehindProxy(t);
  if (!behind) return;
  const { app, proxy } = behind;
  t.equal((await app.inject({ url: '/v1/leads', headers: auth(KEYS.staff) })).statusCode, 200, 'served while the database is there');
  await proxy.set('refuse');

  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 503);
  t.same(ready.json(), { status: 'not ready', checks: { database: 'failing', queue: 'ok' } });
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200);

  const listed = await app.inject({ url: '/v1/leads', headers: auth(KEYS.staff) });
  t.equal(listed.statusCode, 503, 'unavailable, not an internal error');
  t.match(listed.headers['content-type'], /^application\/problem\+json/);
  t.match(listed.headers['retry-after'], /^[1-9]\d*$/);
  t.match(problemOf(listed), { type: '/problems/database-unavailable', title: 'Service unavailable', status: 503 });
});

t.test('when the database accepts connections but never answers: requests fail fast with 503', async (t) => {
  const behind = await appBehindProxy(t);
  if (!behind) return;
  const { app, proxy } = behind;
  await proxy.set('hang');
  const listed = await app.inject({ url: '/v1/leads', headers: auth(KEYS.staff) });
  t.equal(listed.statusCode, 503, 'the connect timeout ends the wait');
  t.match(problemOf(listed), { type: '/problems/database-unavailable' });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 503);
  t.equal(ready.json().checks.database, 'failing');
});
