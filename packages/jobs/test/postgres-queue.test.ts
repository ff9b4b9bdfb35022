import type { Database } from '@leadmatch/db';
import { eventually, testDatabase } from '@leadmatch/testing';
import { sql, type Kysely } from 'kysely';
import t, { type Test } from 'tap';
import { Type } from 'typebox';
import { JobHandlers, jobType, PostgresJobQueue, PostgresJobWorker, type JobHandler } from '../src/index.ts';
import { gate, memoryLog } from './support/helpers.ts';

const work = jobType({
  name: 'test.work',
  queue: 'test',
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  attempts: 3,
  backoffMs: 20,
});
type WorkHandler = JobHandler<typeof work.payload>;

function startWorker(t: Test, db: Kysely<Database>, handler: WorkHandler) {
  const worker = new PostgresJobWorker(db, new JobHandlers().on(work, handler), { log: memoryLog(), pollIntervalMs: 20 });
  t.teardown(() => worker.close());
  return worker;
}

function jobRows(db: Kysely<Database>) {
  return db.selectFrom('jobs').selectAll().where('name', '=', work.name).orderBy('created_at').execute();
}

async function jobRow(db: Kysely<Database>) {
  const rows = await jobRows(db);
  return rows.length === 1 ? rows[0] : undefined;
}

/** The test's one job, once it has reached `status`. */
function finished(db: Kysely<Database>, status: 'completed' | 'failed') {
  return eventually(async () => {
    const job = await jobRow(db);
    return job?.status === status ? job : undefined;
  });
}

t.test('an enqueued job runs and is marked completed', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await new PostgresJobQueue(db).enqueue(work, { n: 7 });
  const row = await finished(db, 'completed');
  t.same(seen, [7]);
  t.equal(row.attempts, 1);
  t.ok(row.finished_at instanceof Date);
  t.equal(row.locked_until, null);
});

t.test('the same jobId enqueued twice makes one job', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await queue.enqueue(work, { n: 1 }, { jobId: 'once' });
  await queue.enqueue(work, { n: 2 }, { jobId: 'once' });
  const rows = await jobRows(db);
  t.equal(rows.length, 1);
  t.same(rows[0]?.payload, { n: 1 });
});

t.test('enqueue rejects an invalid payload and stores nothing', async (t) => {
  const { db } = await testDatabase(t);
  await t.rejects(new PostgresJobQueue(db).enqueue(work, { n: 'x' } as never), { name: 'InvalidJobPayloadError' });
  t.same(await jobRows(db), []);
});

t.test('a job enqueued in a transaction exists only once that transaction commits', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await db
    .transaction()
    .execute(async (trx) => {
      await queue.enqueue(work, { n: 1 }, { executor: trx });
      throw new Error('roll back');
    })
    .catch(() => {});
  t.same(await jobRows(db), [], 'rolled back with the transaction');
  await db.transaction().execute((trx) => queue.enqueue(work, { n: 2 }, { executor: trx }));
  t.equal((await jobRows(db)).length, 1, 'committed with the transaction');
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
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.same([...seen].sort((a, b) => a - b), numbers);
});

t.test('a failing job is retried with backoff, then fails with its last error', async (t) => {
  const { db } = await testDatabase(t);
  const attempts: number[] = [];
  const worker = startWorker(t, db, async (_payload, ctx) => {
    attempts.push(ctx.attempt);
    throw new Error(`boom ${ctx.attempt}`);
  });
  const failures: unknown[] = [];
  worker.onAttemptFailed((failed) => failures.push(failed));
  await worker.start();
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  const row = await finished(db, 'failed');
  t.same(attempts, [1, 2, 3], 'ran as many times as the job type allows');
  t.same(failures, Array(3).fill({ queue: 'test', name: 'test.work' }), 'every failed attempt is told');
  t.equal(row.attempts, 3);
  t.equal(row.last_error, 'boom 3');
  t.ok(row.finished_at instanceof Date);
});

t.test('counts tells the jobs of each queue by state', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  const none = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
  t.same(await queue.counts(), { maintenance: none, match: none, followups: none, webhooks: none }, 'every queue the job types use, by default');

  await queue.enqueueMany(work, [{ payload: { n: 1 } }, { payload: { n: 2 } }]);
  await queue.enqueue(work, { n: 3 }, { delayMs: 60_000 });
  t.same(await queue.counts(['test']), { test: { ...none, waiting: 2, delayed: 1 } });

  const held = gate();
  const running = gate();
  await startWorker(t, db, async ({ n }) => {
    if (n === 1) throw new Error('boom');
    running.open();
    await held.opened;
  }).start();
  await running.opened;
  await eventually(async () => ((await queue.counts(['test'])).test!.failed === 1 ? true : undefined));
  t.same(await queue.counts(['test']), { test: { ...none, active: 1, delayed: 1, failed: 1 } });
  held.open();
  await eventually(async () => ((await queue.counts(['test'])).test!.completed === 1 ? true : undefined));
  t.same(await queue.counts(['test', 'match']), { test: { ...none, delayed: 1, failed: 1, completed: 1 }, match: none });
});

t.test('a stored job with an invalid payload fails at once', async (t) => {
  const { db } = await testDatabase(t);
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }).start();
  await db
    .insertInto('jobs')
    .values({ queue: work.queue, name: work.name, payload: JSON.stringify({ n: 'seven' }), max_attempts: 3 })
    .execute();
  const row = await finished(db, 'failed');
  t.notOk(ran);
  t.equal(row.attempts, 1, 'not retried');
  t.match(row.last_error, /invalid payload for job test\.work/);
});

t.test('a job whose worker crashed is taken over once its lock expires', async (t) => {
  const { db } = await testDatabase(t);
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  await db
    .updateTable('jobs')
    .set({ status: 'active', attempts: 1, locked_until: sql`now() - interval '1 second'` })
    .execute();
  const attempts: number[] = [];
  await startWorker(t, db, async (_payload, ctx) => void attempts.push(ctx.attempt)).start();
  const row = await finished(db, 'completed');
  t.same(attempts, [2], 'the crashed run counts as an attempt');
  t.equal(row.attempts, 2);
});

t.test('a job whose worker crashed during its last attempt is failed, not run again', async (t) => {
  const { db } = await testDatabase(t);
  await new PostgresJobQueue(db).enqueue(work, { n: 1 });
  await db
    .updateTable('jobs')
    .set({ status: 'active', attempts: work.attempts, locked_until: sql`now() - interval '1 second'` })
    .execute();
  let ran = false;
  await startWorker(t, db, async () => {
    ran = true;
  }).start();
  const row = await finished(db, 'failed');
  t.notOk(ran);
  t.match(row.last_error, /worker lost the job/);
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
  const { delayed } = await db
    .selectFrom('jobs')
    .select(sql<boolean>`run_at > now() + interval '59 seconds'`.as('delayed'))
    .executeTakeFirstOrThrow();
  t.ok(delayed, 'run_at is a minute away by the database clock');
  const ran: number[] = [];
  await startWorker(t, db, async ({ n }) => void ran.push(n)).start();
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.same(ran, [], 'not before run_at');
  await db.updateTable('jobs').set({ run_at: sql`now()` }).execute();
  await eventually(() => ran.length === 1);
  t.pass('runs once due');
});

t.test('a schedule fires every period', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  await new PostgresJobQueue(db).schedule('tick', work, { n: 9 }, { everyMs: 100 });
  await startWorker(t, db, async ({ n }) => void seen.push(n)).start();
  await eventually(() => seen.length >= 2);
  t.same(seen.slice(0, 2), [9, 9]);
});

t.test('two workers on one database turn each period of a schedule into one job', async (t) => {
  const { db } = await testDatabase(t);
  const queue = new PostgresJobQueue(db);
  await Promise.all([
    queue.schedule('purge', work, { n: 1 }, { everyMs: 60_000 }),
    queue.schedule('purge', work, { n: 1 }, { everyMs: 60_000 }),
  ]);
  t.equal((await db.selectFrom('job_schedules').select('id').execute()).length, 1, 'one schedule');

  const runs: number[] = [];
  await startWorker(t, db, async ({ n }) => void runs.push(n)).start();
  await startWorker(t, db, async ({ n }) => void runs.push(n)).start();
  for (const period of [1, 2]) {
    await db.updateTable('job_schedules').set({ next_run_at: sql`now()` }).execute();
    await eventually(async () => (await jobRows(db)).filter((job) => job.status === 'completed').length === period);
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.equal((await jobRows(db)).length, period, `period ${period} made one job`);
  }
  t.equal(runs.length, 2);
  const schedule = await db
    .selectFrom('job_schedules')
    .select(sql<boolean>`next_run_at > now() + interval '59 seconds'`.as('postponed'))
    .executeTakeFirstOrThrow();
  t.ok(schedule.postponed, 'the next run is a period away');
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
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.notOk(closed, 'still waiting for the job');
  release.open();
  await closing;
  t.equal((await jobRow(db))?.status, 'completed');
});
