import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import t, { type Test } from 'tap';
import { loadConfig } from '@leadmatch/config';
import { redisPrefix, serviceUrl, testDatabase } from '@leadmatch/testing';
import { buildApp } from '../src/app.ts';
import { API_KEYS, auth, KEYS, problemOf } from './support.ts';

const LIMIT = 5;
const database = await testDatabase(t);

async function replica(t: Test, env: Record<string, string>): Promise<FastifyInstance> {
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env });
  const app = await buildApp({ config, database });
  t.teardown(() => app.close());
  return app;
}

const listLeads = (app: FastifyInstance, secret?: string, remoteAddress = '127.0.0.1') =>
  app.inject({ url: '/v1/leads', remoteAddress, ...(secret && { headers: auth(secret) }) });

t.test('with Redis, replicas share one budget per API key', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const prefix = redisPrefix(t, redisUrl, 'ratelimit');
  const env = { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
  const [first, second] = [await replica(t, env), await replica(t, env)];

  const statuses = [];
  for (let i = 0; i < LIMIT; i++) statuses.push((await listLeads(i % 2 ? second : first, KEYS.crm)).statusCode);
  t.same(statuses, Array(LIMIT).fill(200), 'the budget is spent across both replicas');
  const counted = await listLeads(first, KEYS.admin);
  t.equal(counted.headers['ratelimit-limit'], String(LIMIT));
  t.equal(counted.headers['ratelimit-remaining'], String(LIMIT - 1), 'another key counts on its own');

  for (const app of [first, second]) {
    const refused = await listLeads(app, KEYS.crm);
    t.equal(refused.statusCode, 429, 'over budget on either replica');
    t.match(refused.headers['content-type'], /^application\/problem\+json/);
    t.match(problemOf(refused), { type: '/problems/rate-limited', title: 'Too many requests', status: 429, detail: /API key/ });
    const retryAfter = Number(refused.headers['retry-after']);
    t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']} is within the minute`);
    t.equal(refused.headers['ratelimit-remaining'], '0');
  }
  t.equal((await listLeads(second, KEYS.otherCrm)).statusCode, 200, 'another CRM key still has its budget');
  t.equal((await listLeads(first, KEYS.staff)).statusCode, 200);

  const redis = new Redis(redisUrl);
  t.teardown(() => redis.quit());
  const counters = await redis.keys(`${prefix}:rate-limit:*`);
  t.ok(counters.length >= 4, 'the counters live under the deployment prefix');
  t.notOk(counters.some((key) => key.includes(KEYS.crm)), 'a counter is named by key id, never by the secret');
});

t.test('requests without a valid key are limited by address, before authentication', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const app = await replica(t, { REDIS_URL: redisUrl, QUEUE_PREFIX: redisPrefix(t, redisUrl, 'ratelimit') });
  const guesses = [];
  for (let i = 0; i < LIMIT; i++) guesses.push((await listLeads(app, `guess-${i}`, '10.0.0.7')).statusCode);
  t.same(guesses, Array(LIMIT).fill(401));
  const refused = await listLeads(app, 'guess-again', '10.0.0.7');
  t.equal(refused.statusCode, 429, 'key guessing is limited');
  t.match(problemOf(refused), { type: '/problems/rate-limited', detail: /address/ });
  t.equal((await listLeads(app, undefined, '10.0.0.8')).statusCode, 401, 'another address has its own budget');
  t.equal((await listLeads(app, KEYS.crm, '10.0.0.7')).statusCode, 200, 'a valid key is counted by key, not address');
});

t.test('health checks are never limited', async (t) => {
  const app = await replica(t, {});
  for (let i = 0; i < LIMIT * 2; i++) {
    const response = await app.inject({ url: '/health/live' });
    t.equal(response.statusCode, 200, `health check ${i + 1}`);
    t.notOk(response.headers['ratelimit-limit']);
  }
});

t.test('without Redis, each process counts in memory', async (t) => {
  const [first, second] = [await replica(t, {}), await replica(t, {})];
  for (let i = 0; i < LIMIT; i++) t.equal((await listLeads(first, KEYS.crm)).statusCode, 200);
  const refused = await listLeads(first, KEYS.crm);
  t.equal(refused.statusCode, 429);
  t.ok(Number(refused.headers['retry-after']) > 0);
  t.equal((await listLeads(second, KEYS.crm)).statusCode, 200, 'a process without Redis has a budget of its own');
});
