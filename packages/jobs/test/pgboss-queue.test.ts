import { sql } from 'kysely';
import t from 'tap';
import { eventually, testDatabase } from '@leadmatch/testing';
import { bossJobId, JobHandlers, jobType, PostgresJobQueue, PostgresJobWorker, purgeFinishedJobsOlderThan, storedJobs } from '../src/index.ts';
import { gate, memoryLog } from './support/helpers.ts';
import { sleep, startWorker, work } from './support/pgboss-work.ts';
import { bossJobs, bossTable, rawBoss } from './support/pgboss.ts';

/**
 * The pg-boss engine's queue: what enqueue stores (one job per jobId, valid payloads only, in the
 * caller's transaction, delayed), cancel, counts by state, purging finished jobs, and the mark that
 * work was restored into a new job store. Its workers: pgboss-worker.test.ts; schedules: pgboss-schedules.test.ts.
 */

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
