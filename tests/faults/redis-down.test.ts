import { sql } from 'kysely';
import t from 'tap';
import { eventually, redisPrefix, testDatabase } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';
import { startPrivateRedis } from '../support/redis-server.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

t.setTimeout(200_000);

const headers = { authorization: 'Bearer redis-down-crm-key', 'content-type': 'application/json' };
const admin = { authorization: 'Bearer redis-down-admin-key', 'content-type': 'application/json' };
/** The sweeper looks every 30 s for requests 30 s old, so a lost request waits at most about a minute, plus slack. */
const RECOVERY_BOUND_MS = 100_000;

function lead(i: number) {
  return {
    externalId: `REDIS-DOWN-${i}`,
    company: { name: `缓存故障测试公司${i}` },
    contact: { name: '测试', phone: '13800000000' },
    industry: '人工智能',
    uses: ['office'],
  };
}

interface Answer {
  externalId: string;
  status: number;
  retryAfter: string | null;
  leadId: string | undefined;
}

t.test('with Redis down, intake answers 201 only for leads it keeps, and their matching completes once Redis returns', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('separate processes need a shared Postgres server (DATABASE_URL)');
    return;
  }
  const redis = await startPrivateRedis(t);
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, QUEUE_PREFIX: redisPrefix(t, redis.url, 'redis-down'), API_KEYS: 'crm:redis-down-crm-key,admin:redis-down-admin-key', LOG_LEVEL: 'info', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' };
  const api = await startService(t, 'services/api/src/server.ts', env);
  const url = await listening(api);
  const worker = await startService(t, 'services/worker/src/main.ts', env);
  await worker.waitFor(/worker started/);
  const receiver = await startReceiver(t);
  const subscription = await fetch(`${url}/v1/webhook-subscriptions`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ url: `${receiver.url}/hooks`, secret: 'redis-down-secret-0001', events: ['lead.matched'] }),
  });
  t.equal(subscription.status, 201, 'the CRM listens for lead.matched');
  t.teardown(() => {
    if (!t.passing()) t.comment(`API:\n${api.output.slice(-40).join('\n')}\nworker:\n${worker.output.slice(-40).join('\n')}`);
  });

  let posted = 0;
  const post = async (): Promise<Answer> => {
    const externalId = `REDIS-DOWN-${posted++}`;
    const response = await fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead(posted)), signal: AbortSignal.timeout(15_000) });
    const body = (await response.json()) as { id?: string };
    return { externalId, status: response.status, retryAfter: response.headers.get('retry-after'), leadId: body.id };
  };
  const postFor = async (ms: number) => {
    const answers: Answer[] = [];
    const until = Date.now() + ms;
    while (Date.now() < until) answers.push(...(await Promise.all([post(), post(), post()])));
    return answers;
  };

  const before = await postFor(1500);
  await redis.stop();
  const during = await postFor(4000);
  await redis.start();
  const redisBack = performance.now();
  const after = await postFor(1500);

  for (const [phase, answers] of Object.entries({ before, during, after })) {
    const odd = answers.filter((answer) => answer.status !== 201 && !(answer.status === 503 && answer.retryAfter));
    t.same(odd, [], `${phase} the outage (${answers.length} leads): every answer is 201, or 503 with Retry-After`);
  }
  const accepted = [...before, ...during, ...after].filter((answer) => answer.status === 201);
  t.ok(during.some((answer) => answer.status === 201), 'intake keeps accepting leads while Redis is down');

  const { rows: stored } = await sql<{ id: string }>`select id from leads`.execute(database.db);
  const storedIds = new Set(stored.map((row) => row.id));
  t.ok(accepted.every((answer) => storedIds.has(answer.leadId!)), `all ${accepted.length} accepted leads are stored`);

  const unmatched = () =>
    sql<{ id: string }>`
      select l.id from leads l
      where not exists (select 1 from match_runs r where r.lead_id = l.id)`.execute(database.db);
  await eventually(async () => (await unmatched()).rows.length === 0, RECOVERY_BOUND_MS);
  t.comment(`every lead was matched ${((performance.now() - redisBack) / 1000).toFixed(1)} s after Redis came back`);
  const { rows: open } = await sql<{ n: number }>`select count(*)::int as n from match_requests where completed_at is null`.execute(database.db);
  t.equal(open[0]!.n, 0, 'no match request is left open');
  const undelivered = () =>
    sql<{ id: string }>`
      select e.id from lead_events e
      where e.type = 'lead.matched'
        and not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'delivered')`.execute(database.db);
  await eventually(async () => (await undelivered()).rows.length === 0, RECOVERY_BOUND_MS);
  const delivered = new Set(receiver.received.map(({ body }) => body.id));
  t.ok(delivered.size >= accepted.length, `the CRM heard of every match (${delivered.size} events for ${accepted.length} accepted leads)`);
  t.equal(worker.child.exitCode, null, 'without restarting the worker');
  t.equal(api.child.exitCode, null, 'or the API');
  const restores = worker.output.filter((line) => line.includes('Redis held none of our jobs')).length;
  t.ok(restores >= 2, `the worker restored into the new Redis at start and again into the one that came back empty (${restores} restores)`);

  t.equal((await worker.stop('SIGTERM')).code, 0, 'the worker then stops cleanly');
  t.equal((await api.stop('SIGTERM')).code, 0, 'and the API');
});
