import type { Database } from '@leadmatch/db';
import { eventually, testDatabase } from '@leadmatch/testing';
import { sql, type Kysely } from 'kysely';
import t, { type Test } from 'tap';
import { Type } from 'typebox';
import {
  bossJobId,
  JobHandlers,
  jobType,
  PostgresJobQueue,
  PostgresJobWorker,
  purgeFinishedJobsOlderThan,
  SCHEDULE_TIME_ZONE,
  storedJobs,
  type JobHandler,
  type PostgresWorkerOptions,
} from '../src/index.ts';
import { bossQueue } from '../src/pgboss/jobs.ts';
import { gate, memoryLog } from './support/helpers.ts';
import { bossJobs, bossTable, rawBoss, type BossJobRow } from './support/pgboss.ts';

const work = jobType({
  name: 'test.work',
  queue: 'test',
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  attempts: 3,
  backoffMs: 1000,
});
type WorkHandler = JobHandler<typeof work.payload>;

function startWorker(t: Test, db: Kysely<Database>, handler: WorkHandler, options: Partial<PostgresWorkerOptions> = {}) {
  const worker = new PostgresJobWorker(db, new JobHandlers().on(work, handler), { log: memoryLog(), pollIntervalMs: 20, ...options });
  t.teardown(() => worker.close());
  return worker;
}

async function jobRow(db: Kysely<Database>) {
  const rows = await bossJobs(db, work);
  return rows.length === 1 ? rows[0] : undefined;
}

/** The test's one job, once it has reached `state`. */
function finished(db: Kysely<Database>, state: BossJobRow['state']) {
  return eventually(async () => {
    const job = await jobRow(db);
    return job?.state === state ? job : undefined;
  }, 20_000);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('an enqueued job runs and is marked completed', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await new PostgresJobQueue(db).enqueue(work, { n: 7 });
  const row = await finished(db, 'completed');
  t.same(seen, [7]);
  t.equal(row.retry_count, 0, 'on the first attempt');
  t.ok(row.completed_on instanceof Date);
  t.same(row.data, { n: 7 }, 'the payload is the job data as it is');
});

t.test('the same jobId enqueued twice makes one job', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.enqueue(work, { n: 1 }, { jobId: 'once' });
  await queue.enqueue(work, { n: 2 }, { jobId: 'once' });
  await queue.enqueueMany(work, [{ payload: { n: 3 }, jobId: 'once' }, { payload: { n: 4 }, jobId: 'other' }]);
  const rows = await bossJobs(db, work);
  t.equal(rows.length, 2);
  t.same(rows.find((row) => row.id === bossJobId('once'))?.data, { n: 1 }, 'the first job stays as it was');
  t.ok(rows.some((row) => row.id === bossJobId('other')));
  t.same((await storedJobs(db, work)).map((job) => job.payload), [{ n: 1 }, { n: 4 }], 'storedJobs reads them back');
});

t.test('enqueue rejects an invalid payload and stores nothing', async (t) => {
  const { db } = await testDatabase(t);
  await t.rejects(new PostgresJobQueue(db).enqueue(work, { n: 'x' } as never), { name: 'InvalidJobPayloadError' });
  t.same(await bossJobs(db, work), []);
});

t.test('a job enqueued in a transaction exists only once that transaction commits', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await db
    .transaction()
    .execute(async (trx) => {
      await queue.enqueue(work, { n: 1 }, { executor: trx });
      t.equal((await bossJobs(trx, work)).length, 1, 'visible inside the transaction');
      throw new Error('roll back');
    })
    .catch(() => {});
  t.same(await bossJobs(db, work), [], 'rolled back with the transaction');
  await db.transaction().execute((trx) => queue.enqueue(work, { n: 2 }, { executor: trx, jobId: 'outbox' }));
  const rows = await bossJobs(db, work);
  t.equal(rows.length, 1, 'committed with the transaction');
  t.equal(rows[0]?.id, bossJobId('outbox'));
});

t.test('two workers on one database run every job exactly once', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const seen: number[] = [];
  const handler: WorkHandler = async ({ n }) => void seen.push(n);
  await Promise.all([startWorker(t, db, handler).start(), startWorker(t, db, handler).start()]);
  const numbers = Array.from({ length: 40 }, (_, n) => n);
  await Promise.all(numbers.map((n) => queue.enqueue(work, { n })));
  await eventually(() => seen.length >= numbers.length);
  await sleep(100);
  t.same([...seen].sort((a, b) => a - b), numbers);
});

t.test('a worker runs at most `concurrency` jobs at once', async (t) => {
  const { db } = await testDatabase(t);
  let running = 0;
  let most = 0;
  await startWorker(t, db, async () => {
    most = Math.max(most, ++running);
    await sleep(30);
    running--;
  }, { concurrency: 2 }).start();
  await new PostgresJobQueue(db).enqueueMany(work, Array.from({ length: 8 }, (_, n) => ({ payload: { n } })));
  await eventually(async () => (await bossJobs(db, work)).every((row) => row.state === 'completed'));
  t.equal(most, 2);
});

t.test('a failing job is retried with backoff, then fails with its last error', async (t) => {
  const { db } = await testDatabase(t);
  const attempts: number[] = [];
  const times: number[] = [];
  const worker = startWorker(t, db, async (_payload, ctx) => {
    attempts.push(ctx.attempt);
    times.push(performance.now());
    throw new Error(`boom ${ctx.attempt}`);
  });
  const failures: unknown[] = [];
  worker.onAttemptFailed((failed) => failures.push(failed));
  await worker.start();
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  const row = await finished(db, 'failed');
  t.same(attempts, [1, 2, 3], 'ran as many times as the job type allows');
  t.same(failures, Array(3).fill({ queue: 'test', name: 'test.work' }), 'every failed attempt is told');
  t.ok(times[1]! - times[0]! >= 950, 'the first retry waits the backoff');
  t.ok(times[2]! - times[1]! >= 1950, 'the second twice as long');
  t.equal(row.retry_count, 2);
  t.equal(row.output?.message, 'boom 3');
  t.ok(row.completed_on instanceof Date);
});

t.test('counts tells the jobs of each queue by state', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const none = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
  t.same(await queue.counts(), { maintenance: none, match: none, followups: none, webhooks: none }, 'every queue the job types use, by default');

  await queue.enqueueMany(work, [{ payload: { n: 1 } }, { payload: { n: 2 } }]);
  await queue.enqueue(work, { n: 3 }, { delayMs: 60_000 });
  t.same(await queue.counts(['test']), { test: { ...none, waiting: 2, delayed: 1 } });

  const once = jobType({ ...work, name: 'test.once', attempts: 1 });
  await queue.enqueue(once, { n: 4 });
  const held = gate();
  const running = gate();
  const worker = new PostgresJobWorker(
    db,
    new JobHandlers()
      .on(once, async () => {
        throw new Error('boom');
      })
      .on(work, async ({ n }) => {
        if (n !== 1) return;
        running.open();
        await held.opened;
      }),
    { log: memoryLog(), pollIntervalMs: 20, concurrency: 2 },
  );
  t.teardown(() => worker.close());
  t.teardown(() => held.open());
  await worker.start();
  await running.opened;
  await eventually(async () => ((await queue.counts(['test'])).test!.completed === 1 && (await queue.counts(['test'])).test!.failed === 1));
  t.same(await queue.counts(['test']), { test: { ...none, active: 1, delayed: 1, failed: 1, completed: 1 } });
  held.open();
  await eventually(async () => ((await queue.counts(['test'])).test!.completed === 2 ? true : undefined));
  t.same(await queue.counts(['test', 'match']), { test: { ...none, delayed: 1, failed: 1, completed: 2 }, match: none });
});

t.test('a stored job with an invalid payload fails at once', async (t) => {
  const { db } = await testDatabase(t);
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }).start();
  const boss = await rawBoss(db);
  await boss.send(bossQueue(work), { n: 'seven' }, { retryLimit: 2 });
  const row = await finished(db, 'failed');
  t.notOk(ran);
  t.equal(row.retry_count, 0, 'not retried');
  t.match(row.output?.message, /invalid payload for job test\.work/);
});

/** Takes the test's one job as a worker would that then dies, its start an hour ago (past pg-boss's 15-minute expiry). */
async function claimAndDie(db: Kysely<Database>, retryCount: number) {
  await (await rawBoss(db)).fetch(bossQueue(work));
  await sql`update ${await bossTable(db, 'job')} set started_on = now() - interval '1 hour', retry_count = ${retryCount}`.execute(db);
}

t.test('a job whose worker died is taken over once it expires', async (t) => {
  const { db } = await testDatabase(t);
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  await claimAndDie(db, 0);
  const attempts: number[] = [];
  await startWorker(t, db, async (_payload, ctx) => void attempts.push(ctx.attempt), { maintenanceIntervalSeconds: 1 }).start();
  const row = await finished(db, 'completed');
  t.same(attempts, [2], 'the lost run counts as an attempt');
  t.equal(row.retry_count, 1);
});

t.test('a job whose worker died during its last attempt is failed, not run again', async (t) => {
  const { db } = await testDatabase(t);
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  await claimAndDie(db, work.attempts - 1);
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }, { maintenanceIntervalSeconds: 1 }).start();
  const row = await finished(db, 'failed');
  t.notOk(ran);
  t.match(JSON.stringify(row.output), /failed by timeout/);
});

t.test('a job enqueued while no worker runs is run by the next worker', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const seen: number[] = [];
  const first = startWorker(t, db, async ({ n }) => void seen.push(n));
  await first.start();
  await queue.enqueue(work, { n: 1 });
  await eventually(() => seen.length === 1);
  await first.close();

  await queue.enqueue(work, { n: 2 });
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await eventually(() => seen.length === 2);
  t.same(seen, [1, 2]);
});

t.test('a delayed job waits for its time', async (t) => {
  const { db } = await testDatabase(t);
  await new PostgresJobQueue(db).enqueue(work, { n: 1 }, { delayMs: 60_000 });
  const { delayed } = (
    await sql<{ delayed: boolean }>`select start_after > now() + interval '59 seconds' as delayed from ${await bossTable(db, 'job')}`.execute(db)
  ).rows[0]!;
  t.ok(delayed, 'it starts a minute away by the database clock');
  const ran: number[] = [];
  await startWorker(t, db, async ({ n }) => void ran.push(n)).start();
  await sleep(200);
  t.same(ran, [], 'not before its time');
  await sql`update ${await bossTable(db, 'job')} set start_after = now()`.execute(db);
  await eventually(() => ran.length === 1);
  t.pass('runs once due');
});

t.test('cancel removes a job that has not started, and nothing else', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.enqueue(work, { n: 1 }, { jobId: 'waiting' });
  await queue.enqueue(work, { n: 2 }, { jobId: 'delayed', delayMs: 60_000 });
  await queue.enqueue(work, { n: 3 }, { jobId: 'running' });
  await sql`update ${await bossTable(db, 'job')} set state = 'active', started_on = now() where id = ${bossJobId('running')}`.execute(db);
  await queue.cancel('waiting');
  await queue.cancel('delayed', work);
  await queue.cancel('running', work);
  await queue.cancel('no-such-job');
  t.same((await bossJobs(db, work)).map((row) => row.id), [bossJobId('running')], 'the running job stays');
  await queue.enqueue(work, { n: 1 }, { jobId: 'waiting' });
  t.equal((await bossJobs(db, work)).length, 2, 'a cancelled id may be enqueued again');
});

t.test('a schedule fires every period', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  await new PostgresJobQueue(db).schedule('tick', work, { n: 9 }, { everyMs: 1000 });
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await eventually(() => seen.length >= 2);
  t.same(seen.slice(0, 2), [9, 9]);
});

t.test('two workers on one database turn each period of a schedule into one job', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const other = new PostgresJobQueue(db);
  await Promise.all([
    queue.schedule('purge', work, { n: 1 }, { everyMs: 1000 }),
    other.schedule('purge', work, { n: 1 }, { everyMs: 1000 }),
  ]);
  const schedules = await sql<{ name: string; cron: string }>`select name, cron from ${await bossTable(db, 'schedule')}`.execute(db);
  t.same(schedules.rows, [{ name: bossQueue(work), cron: '* * * * *' }], 'one schedule');
  const runs = (await bossJobs(db, work)).map((row) => row.start_after.getTime());
  t.equal(new Set(runs).size, runs.length, 'one job per period, however many boots put it there');
  t.ok(runs.every((at) => at % 1000 === 0), 'at multiples of the period');

  const ran: string[] = [];
  const handler: WorkHandler = async (_payload, ctx) => void ran.push(ctx.jobId);
  await Promise.all([startWorker(t, db, handler).start(), startWorker(t, db, handler).start()]);
  await sleep(3500);
  t.ok(ran.length >= 3, `ran each period (${ran.length} runs)`);
  t.equal(new Set(ran).size, ran.length, 'no period ran twice');
});

t.test('a tick of an every-period schedule queues the coming runs', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.schedule('hourly', work, { n: 5 }, { everyMs: 60 * 60_000 });
  await sql`delete from ${await bossTable(db, 'job')}`.execute(db);
  const schedule = (await sql<{ options: { singletonKey: string } }>`select options from ${await bossTable(db, 'schedule')}`.execute(db)).rows[0]!;
  t.equal(schedule.options.singletonKey, 'every:3600000', 'the schedule sends ticks');
  await (await rawBoss(db)).send(bossQueue(work), { n: 5 }, { singletonKey: schedule.options.singletonKey });
  await sql`update ${await bossTable(db, 'job')} set start_after = now() - interval '1 second'`.execute(db);
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }).start();
  await eventually(async () => (await bossJobs(db, work)).some((row) => row.singleton_key !== null && row.state === 'completed'));
  const runs = (await bossJobs(db, work)).filter((row) => row.singleton_key === null);
  t.notOk(ran, 'a tick runs no handler');
  t.ok(runs.length <= 1 && runs.every((row) => row.start_after.getTime() % 3_600_000 === 0), 'the run of the coming two minutes, if the hour turns in them');
  t.same(await queue.counts(['test']), { test: { waiting: 0, active: 0, delayed: runs.length, failed: 0, completed: 0 } }, 'ticks do not count as jobs');
});

t.test('a cron schedule is kept in pg-boss in the desks’ time zone, one per job type', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.schedule('often', work, { n: 1 }, { everyMs: 60_000 });
  await queue.schedule('nightly', work, { n: 2 }, { pattern: '0 3 * * *' });
  const { rows } = await sql<{ name: string; cron: string; timezone: string; data: unknown; options: object }>`
    select name, cron, timezone, data, options from ${await bossTable(db, 'schedule')}`.execute(db);
  t.match(rows, [{ name: 'test/test.work', cron: '0 3 * * *', timezone: SCHEDULE_TIME_ZONE, data: { n: 2 }, options: { retryLimit: 2, retryDelay: 1 } }]);
  t.notOk('singletonKey' in rows[0]!.options, 'its jobs are runs, not ticks');
  await t.rejects(queue.schedule('bad', work, { n: 1 }, { pattern: 'not a pattern' }));
  await t.rejects(queue.schedule('fast', work, { n: 1 }, { everyMs: 100 }), /at most once a second/);
});

t.test('purgeFinishedJobsOlderThan deletes finished jobs past an age, archived ones too', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.enqueueMany(work, [1, 2, 3, 4, 5].map((n) => ({ payload: { n }, jobId: `job-${n}` })));
  const job = await bossTable(db, 'job');
  const finish = (n: number, state: string, age: string) =>
    sql`update ${job} set state = ${state}, completed_on = now() - ${age}::interval where id = ${bossJobId(`job-${n}`)}`.execute(db);
  await finish(1, 'completed', '8 days');
  await finish(2, 'failed', '8 days');
  await (await rawBoss(db)).archive();
  const archived = await sql<{ n: number }>`select count(*)::int as n from ${await bossTable(db, 'archive')}`.execute(db);
  t.equal(archived.rows[0]?.n, 2, 'pg-boss archived the two');
  await finish(3, 'cancelled', '8 days');
  await finish(4, 'completed', '1 hour');
  t.equal(await purgeFinishedJobsOlderThan(db, 7 * 24 * 3600_000), 3);
  t.same((await bossJobs(db, work)).map((row) => row.id).sort(), [bossJobId('job-4'), bossJobId('job-5')].sort(), 'recent and unfinished jobs stay');
  t.equal(await purgeFinishedJobsOlderThan(db, 7 * 24 * 3600_000), 0);
});

t.test('pg-boss counts as having lost jobs until work is restored into it', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  t.equal(await queue.lostJobs(), true, 'a new job store holds none of the pending work');
  await queue.markRestored();
  t.equal(await queue.lostJobs(), false);
  t.equal(await new PostgresJobQueue(db).lostJobs(), false, 'for every process');
});

t.test('close waits for the running job to finish', async (t) => {
  const { db } = await testDatabase(t);
  const started = gate();
  const release = gate();
  const worker = startWorker(t, db, async () => {
    started.open();
    await release.opened;
  });
  await worker.start();
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  await started.opened;

  let closed = false;
  const closing = worker.close().then(() => (closed = true));
  await sleep(100);
  t.notOk(closed, 'still waiting for the job');
  release.open();
  await closing;
  t.equal((await jobRow(db))?.state, 'completed');
});
