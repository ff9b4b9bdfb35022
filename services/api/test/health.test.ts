import { openJobQueue } from '@leadmatch/jobs';
import { serviceUrl, uniqueName } from '@leadmatch/testing';
import t from 'tap';
import { buildTestApp } from './support.ts';

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
  const jobs = openJobQueue({ redisUrl, db: database.db, prefix: uniqueName('health') });
  t.teardown(() => jobs.close());
  const { app } = await buildTestApp(t, { database, jobs });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 200);
  t.equal(jobs.mode, 'bullmq');
});

t.test('not ready, with the failing part named, when Redis cannot be reached', async (t) => {
  const { database } = await buildTestApp(t);
  const jobs = openJobQueue({ redisUrl: 'redis://127.0.0.1:1', db: database.db, prefix: uniqueName('health') });
  t.teardown(() => jobs.close());
  const { app } = await buildTestApp(t, { database, jobs });
  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 503);
  t.same(ready.json(), { status: 'not ready', checks: { database: 'ok', queue: 'failing' } });
  t.equal((await app.inject({ url: '/health/live' })).statusCode, 200, 'alive all the same');
});
