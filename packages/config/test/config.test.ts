import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.ts';

t.test('defaults run on a fresh machine without servers', async (t) => {
  const config = loadConfig({});
  t.match(config, { port: 3000, host: '0.0.0.0', dataDir: './data', logLevel: 'info', nodeEnv: 'development', workerConcurrency: 64 });
  t.equal(config.databaseUrl, undefined);
  t.equal(config.redisUrl, undefined);
  t.ok(config.usingDevKey);
  t.same([...config.apiKeys[0]!.roles].sort(), ['admin', 'crm', 'staff']);
});

t.test('a worker serves its metrics on the loopback port 9464 unless told otherwise', async (t) => {
  t.match(loadConfig({}), { metricsPort: null, metricsHost: '127.0.0.1' });
  t.match(loadConfig({ METRICS_PORT: '0', METRICS_HOST: '0.0.0.0' }), { metricsPort: 0, metricsHost: '0.0.0.0' });
  const error = t.throws(() => loadConfig({ METRICS_PORT: '65536' })) as ConfigError;
  t.match(error.problems, [/^METRICS_PORT must be a port number from 0 \(any free port\) to 65535/]);
});

t.test('API_KEYS gives roles; a secret listed twice gets both', async (t) => {
  const config = loadConfig({ API_KEYS: 'crm:aaa, staff:bbb,admin:bbb' });
  t.notOk(config.usingDevKey);
  t.equal(config.apiKeys.length, 2);
  const roles = config.apiKeys.map((key) => [...key.roles].sort().join('+')).sort();
  t.same(roles, ['admin+staff', 'crm']);
  t.ok(config.apiKeys.every((key) => /^key_[0-9a-f]{16}$/.test(key.id)), 'key ids are digests, not secrets');
});

t.test('every bad variable is named in one error', async (t) => {
  const error = t.throws(() =>
    loadConfig({
      PORT: '70000',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      REDIS_URL: 'not a url',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      API_KEYS: 'root:abc,crm',
      WORKER_CONCURRENCY: '0',
    }),
  ) as ConfigError;
  t.type(error, ConfigError);
  for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL', 'NODE_ENV', 'API_KEYS', 'WORKER_CONCURRENCY']) {
    t.ok(error.problems.some((problem) => problem.startsWith(name)), `${name} is named`);
  }
  t.notOk(error.message.includes('hunter2'), 'a URL’s password is never echoed');
});

t.test('production refuses to start without API_KEYS or with short secrets', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'production' }), /API_KEYS must be set when NODE_ENV=production/);
  t.throws(() => loadConfig({ NODE_ENV: 'production', API_KEYS: 'admin:short' }), /shorter than 16/);
  t.throws(() => loadConfig({ NODE_ENV: 'production', API_KEYS: 'admin:a-long-enough-secret' }), /PII_KEY must be set/);
  t.ok(loadConfig({ NODE_ENV: 'production', API_KEYS: 'admin:a-long-enough-secret', PII_KEY: 'ab'.repeat(32) }));
});

t.test('PII_KEY takes 32 bytes as hex or base64 and is never echoed', async (t) => {
  const hex = loadConfig({ PII_KEY: '0f'.repeat(32) });
  t.notOk(hex.usingDevPiiKey);
  t.same(hex.piiKey, Buffer.alloc(32, 0x0f));
  t.same(loadConfig({ PII_KEY: Buffer.alloc(32, 7).toString('base64') }).piiKey, Buffer.alloc(32, 7));
  t.ok(loadConfig({}).usingDevPiiKey, 'a development key stands in outside production');
  for (const bad of ['0f'.repeat(16), 'not-a-key', Buffer.alloc(31).toString('base64')]) {
    const error = t.throws(() => loadConfig({ PII_KEY: bad })) as ConfigError;
    t.match(error.problems, [/^PII_KEY must be 32 bytes/]);
    t.notOk(error.message.includes(bad), 'the key is not echoed');
  }
});

t.test('retention and rate limit are bounded whole numbers with defaults', async (t) => {
  t.match(loadConfig({}), { retentionDays: 365, rateLimitPerMinute: 600 });
  t.match(loadConfig({ RETENTION_DAYS: '30', RATE_LIMIT_PER_MINUTE: '60' }), { retentionDays: 30, rateLimitPerMinute: 60 });
  const error = t.throws(() => loadConfig({ RETENTION_DAYS: '0', RATE_LIMIT_PER_MINUTE: '1.5' })) as ConfigError;
  t.equal(error.problems.length, 2);
});

t.test('JOB_LOCK_MS bounds how long a dead worker keeps its jobs: 30 s by default, 1 s to 10 min', async (t) => {
  t.equal(loadConfig({}).jobLockMs, 30_000);
  t.equal(loadConfig({ JOB_LOCK_MS: '2000' }).jobLockMs, 2000);
  for (const bad of ['999', '600001', '5s']) {
    const error = t.throws(() => loadConfig({ JOB_LOCK_MS: bad })) as ConfigError;
    t.match(error.problems, [/^JOB_LOCK_MS must be a whole number from 1000 to 600000/]);
  }
});

t.test('API_PROCESSES: one process by default; more only on Postgres, up to 256', async (t) => {
  t.equal(loadConfig({}).apiProcesses, 1);
  t.equal(loadConfig({ NODE_ENV: 'production', API_KEYS: 'admin:a-long-enough-secret', PII_KEY: 'ab'.repeat(32) }).apiProcesses, 1);
  t.equal(loadConfig({ API_PROCESSES: '4', DATABASE_URL: 'postgres://db/leadmatch' }).apiProcesses, 4);
  const pglite = t.throws(() => loadConfig({ API_PROCESSES: '2' })) as ConfigError;
  t.match(pglite.problems, [/^API_PROCESSES above 1 needs DATABASE_URL/]);
  for (const bad of ['0', '257', 'all']) {
    const error = t.throws(() => loadConfig({ API_PROCESSES: bad, DATABASE_URL: 'postgres://db/leadmatch' })) as ConfigError;
    t.match(error.problems, [/^API_PROCESSES must be a whole number from 1 to 256/]);
  }
});
