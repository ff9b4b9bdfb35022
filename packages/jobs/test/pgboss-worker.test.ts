import t from 'tap';
import { eventually, testDatabase } from '@leadmatch/testing';
import { PostgresJobQueue } from '../src/index.ts';
import { bossQueue } from '../src/pgboss/jobs.ts';
import { gate } from './support/helpers.ts';
import { claimAndDie, finished, jobRow, sleep, startWorker, work, type WorkHandler } from './support/pgboss-work.ts';
import { bossJobs, rawBoss } from './support/pgboss.ts';

/**
 * The pg-boss engine's workers: a job runs once (across workers, within `concurrency`), a failing one is
 * retried with backoff, an invalid one fails at once, a job whose worker died is taken over, and close
 * waits for the running job. The queue: pgboss-queue.test.ts; schedules: pgboss-schedules.test.ts.
 */

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
