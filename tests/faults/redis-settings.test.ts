import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import t, { type Test } from 'tap';
import { Type } from 'typebox';
import { BullMqJobQueue, BullMqJobWorker, FINISHED_JOBS_KEPT, JobHandlers, jobType, type JobLog } from '@leadmatch/jobs';
import { eventually, redisPrefix, testDatabase } from '@leadmatch/testing';
import { startService } from '../support/process.ts';
import { startPrivateRedis } from '../support/redis-server.ts';

t.setTimeout(180_000);

const quiet: JobLog = { info: () => {}, warn: () => {}, error: () => {} };

t.test('the worker refuses to start, in one line naming the fix, when Redis may evict keys', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('a separate worker process needs a shared Postgres server (DATABASE_URL)');
    return;
  }
  const redis = await startPrivateRedis(t, { maxmemoryPolicy: 'allkeys-lru' });
  const worker = await startService(t, 'services/worker/src/main.ts', {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redisPrefix(t, redis.url, 'settings'),
    LOG_LEVEL: 'info',
  });
  await eventually(() => worker.child.exitCode !== null, 60_000);
  t.equal(worker.child.exitCode, 1, 'the worker exits 1');
  const mentions = worker.output.filter((line) => line.includes('maxmemory-policy'));
  t.equal(mentions.length, 1, 'one line says why');
  t.match(mentions[0], /maxmemory-policy is allkeys-lru.*noeviction/, 'naming the setting, its value and the fix');
  t.notOk(worker.output.some((line) => /^\s+at /.test(line)), 'no stack trace');
  t.notOk(worker.output.some((line) => line.includes('worker started')), 'it never takes jobs');
});

const succeeds = jobType({ name: 'test.succeeds', queue: 'trim', payload: Type.Object({ n: Type.Integer() }), attempts: 1 });
const fails = jobType({ name: 'test.fails', queue: 'trim', payload: Type.Object({ n: Type.Integer() }), attempts: 1 });

/** Keys under the prefix, and Redis's own memory figure, of a Redis that only this test uses. */
async function footprint(client: Redis, prefix: string) {
  let keys = 0;
  for await (const batch of client.scanStream({ match: `${prefix}:*`, count: 1000 })) keys += (batch as string[]).length;
  const usedMemory = Number(/^used_memory:(\d+)/m.exec(await client.info('memory'))![1]);
  return { keys, usedMemory };
}

async function trimmingFixture(t: Test, redisUrl: string) {
  const prefix = redisPrefix(t, redisUrl, 'trim');
  let handled = 0;
  const handlers = new JobHandlers()
    .on(succeeds, async () => void handled++)
    .on(fails, async ({ n }) => {
      handled++;
      throw new Error(`job ${n} fails on purpose`);
    });
  const worker = new BullMqJobWorker(handlers, { redisUrl, prefix, concurrency: 50, log: quiet });
  const queue = new BullMqJobQueue({ redisUrl, prefix, log: quiet });
  const inspect = new Queue('trim', { connection: { url: redisUrl }, prefix });
  const client = new Redis(redisUrl);
  t.teardown(async () => {
    await worker.close();
    await queue.close();
    await inspect.close();
    client.disconnect();
  });
  await worker.start();

  let next = 0;
  /** Runs more jobs than the queue keeps of either kind, and waits until all of them are finished. */
  const round = async () => {
    const total = handled + FINISHED_JOBS_KEPT.completed.count + 200 + FINISHED_JOBS_KEPT.failed.count + 200;
    const batch = (count: number) => Array.from({ length: count }, () => ({ payload: { n: next }, jobId: `job-${next++}` }));
    for (let i = 0; i < 6; i++) await queue.enqueueMany(succeeds, batch((FINISHED_JOBS_KEPT.completed.count + 200) / 6));
    for (let i = 0; i < 26; i++) await queue.enqueueMany(fails, batch((FINISHED_JOBS_KEPT.failed.count + 200) / 26));
    await eventually(async () => handled >= total && (await inspect.getActiveCount()) + (await inspect.getWaitingCount()) === 0, 120_000);
    return footprint(client, prefix);
  };
  return { round, inspect, prefix };
}

t.test('finished jobs are trimmed, so Redis keys and memory stay flat however many jobs run', async (t) => {
  const redis = await startPrivateRedis(t);
  const { round, inspect } = await trimmingFixture(t, redis.url);

  const first = await round();
  t.ok(await inspect.getCompletedCount() <= FINISHED_JOBS_KEPT.completed.count, 'completed jobs are trimmed to the newest ones');
  t.ok(await inspect.getFailedCount() <= FINISHED_JOBS_KEPT.failed.count, 'failed jobs are trimmed to the newest ones');
  const kept = FINISHED_JOBS_KEPT.completed.count + FINISHED_JOBS_KEPT.failed.count;
  t.ok(first.keys <= kept + 20, `${first.keys} keys after ${kept + 400} jobs: one per kept job and a few per queue`);

  const second = await round();
  t.comment(`keys ${first.keys} -> ${second.keys}, used_memory ${first.usedMemory} -> ${second.usedMemory} bytes`);
  t.ok(second.keys <= first.keys + 5, 'twice the jobs leave no more keys');
  t.ok(second.usedMemory <= first.usedMemory * 1.25, 'nor (much) more memory');
  t.equal(await inspect.getCompletedCount(), FINISHED_JOBS_KEPT.completed.count, 'the newest completed jobs are still there to inspect');
  t.equal(await inspect.getFailedCount(), FINISHED_JOBS_KEPT.failed.count, 'and the newest failed ones');
});
