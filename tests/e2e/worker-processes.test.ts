import { sql, type Kysely } from 'kysely';
import t from 'tap';
import type { Database } from '@leadmatch/db';
import { SCHEDULE_TIME_ZONE } from '@leadmatch/jobs';
import { eventually, inspectQueue, serviceUrl, testDatabase, uniqueName } from '@leadmatch/testing';
import { startService } from '../support/process.ts';

const MAINTENANCE_SCHEDULES = ['erase-closed-leads-daily', 'purge-expired-hourly'];
const MATCH_SCHEDULES = ['rematch-after-catalog-changes', 'rematch-open-leads', 'sweep-match-requests'];
const WEBHOOK_SCHEDULES = ['relay-webhook-events'];
const FOLLOWUP_SCHEDULES = ['sweep-follow-up-reminders'];
/** The same schedules in pg-boss, which keeps one per job type, named `<queue>/<job type>`. */
const PGBOSS_SCHEDULES = [
  'followups/followups.sweep-reminders',
  'maintenance/maintenance.purge-expired',
  'maintenance/retention.erase-closed-leads',
  'match/match.catalog-changes',
  'match/match.rematch-open-leads',
  'match/match.sweep-requests',
  'webhooks/webhooks.relay',
];

/** A table of pg-boss's: in the schema `pgboss` beside `public`, `<schema>_pgboss` beside any other (README, Job store). */
async function bossTable(db: Kysely<Database>, name: 'schedule') {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return sql.table(`${schema === 'public' ? 'pgboss' : `${schema}_pgboss`}.${name}`);
}

t.test('two BullMQ workers register one scheduler and stop cleanly on SIGTERM', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const prefix = uniqueName('e2e');
  const maintenance = inspectQueue(t, redisUrl, prefix, 'maintenance');
  const match = inspectQueue(t, redisUrl, prefix, 'match');
  const webhooks = inspectQueue(t, redisUrl, prefix, 'webhooks');
  const followups = inspectQueue(t, redisUrl, prefix, 'followups');
  const env = { DATABASE_URL: database.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' };

  const workers = await Promise.all([1, 2].map(() => startService(t, 'services/worker/src/main.ts', env)));
  for (const worker of workers) await worker.waitFor(/worker started: database postgres, jobs through bullmq/);
  for (const worker of workers) {
    const line = (component: string) => worker.output.find((entry) => entry.includes(`"component":"${component}"`)) ?? '';
    t.match(line('database'), /database: Postgres at /, 'the worker names its database');
    t.match(line('jobs'), /jobs: BullMQ on Redis, up to \d+ at once per queue/, 'and its job store');
    const metrics = /Prometheus metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(line('metrics'))?.[1];
    t.ok(metrics, 'and where its metrics are');
    t.match(await (await fetch(metrics!)).text(), /^leadmatch_jobs_failed_total\{queue="match",job="match.lead"\} 0$/m, 'which answer there');
  }

  const keys = async (queue: typeof match) => (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
  t.same(await keys(maintenance), MAINTENANCE_SCHEDULES, 'one scheduler each, however many workers');
  t.same(await keys(match), MATCH_SCHEDULES);
  t.same(await keys(webhooks), WEBHOOK_SCHEDULES);
  t.same(await keys(followups), FOLLOWUP_SCHEDULES);
  const nightly = (await match.getJobSchedulers()).find((scheduler) => scheduler.key === 'rematch-open-leads');
  t.match(nightly, { pattern: '0 3 * * *', tz: 'Asia/Shanghai' }, 'the nightly re-match follows REMATCH_CRON');
  await eventually(async () => (await maintenance.getCompletedCount()) >= 1, 15_000);
  t.pass('the first purge ran through BullMQ');

  for (const worker of workers) {
    const { code } = await worker.stop('SIGTERM');
    t.equal(code, 0, 'the worker exits cleanly');
    t.ok(worker.output.some((line) => line.includes('shutting down: finishing running jobs')));
  }
});

t.test('without Redis, two workers share the Postgres job store and one schedule', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('separate worker processes need a shared Postgres server (DATABASE_URL)');
    return;
  }
  const env = { DATABASE_URL: database.url, LOG_LEVEL: 'info' };
  const workers = await Promise.all([1, 2].map(() => startService(t, 'services/worker/src/main.ts', env)));
  for (const worker of workers) await worker.waitFor(/worker started: database postgres, jobs through postgres/);
  const { rows: schedules } = await sql<{ name: string; cron: string; timezone: string }>`
    select name, cron, timezone from ${await bossTable(database.db, 'schedule')}`.execute(database.db);
  t.same(schedules.map((row) => row.name).sort(), PGBOSS_SCHEDULES, 'one schedule each, however many workers');
  t.match(schedules.find((row) => row.name === 'match/match.rematch-open-leads'), { cron: '0 3 * * *', timezone: SCHEDULE_TIME_ZONE }, 'the nightly re-match follows REMATCH_CRON');
  await eventually(() => workers.some((worker) => worker.output.some((line) => line.includes('pg-boss held none of our jobs'))), 15_000);
  t.pass('a new pg-boss holds none of the pending work, and a worker says it queued it again');
  for (const worker of workers) t.equal((await worker.stop('SIGTERM')).code, 0);
});
