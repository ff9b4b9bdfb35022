import t from 'tap';
import { Type } from 'typebox';
import { eventually, inspectQueue, serviceUrl, testDatabase, uniqueName } from '@leadmatch/testing';
import { JobHandlers, jobType, openJobQueue, openJobWorker } from '../src/index.ts';
import { memoryLog } from './support/helpers.ts';
import { bossJobs } from './support/pgboss.ts';

const work = jobType({ name: 'test.open', queue: 'test', payload: Type.Object({ n: Type.Integer() }) });

t.test('without a Redis URL, jobs are kept in Postgres by pg-boss', async (t) => {
  const { db } = await testDatabase(t);
  const seen: number[] = [];
  const worker = openJobWorker({ db, handlers: new JobHandlers().on(work, async ({ n }) => void seen.push(n)), log: memoryLog() });
  const queue = openJobQueue({ db, log: memoryLog() });
  t.teardown(async () => {
    await worker.close();
    await queue.close();
  });
  t.equal(queue.mode, 'postgres');
  await worker.start();
  await queue.enqueue(work, { n: 1 });
  await eventually(async () => (await bossJobs(db, work))[0]?.state === 'completed', 10_000);
  t.same(seen, [1], 'the handler ran once');
});

t.test('with a Redis URL, jobs go through BullMQ', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const { db } = await testDatabase(t);
  const prefix = uniqueName('leadmatch_test');
  inspectQueue(t, redisUrl, prefix, work.queue);
  const seen: number[] = [];
  const worker = openJobWorker({
    redisUrl,
    db,
    prefix,
    handlers: new JobHandlers().on(work, async ({ n }) => void seen.push(n)),
    log: memoryLog(),
  });
  const queue = openJobQueue({ redisUrl, db, prefix, log: memoryLog() });
  t.teardown(async () => {
    await worker.close();
    await queue.close();
  });
  t.equal(queue.mode, 'bullmq');
  await worker.start();
  await queue.enqueue(work, { n: 1 }, { jobId: 'open-1' });
  await eventually(() => seen.length === 1);
  t.same(await bossJobs(db, work), [], 'nothing went to Postgres');
});
