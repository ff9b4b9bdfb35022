import type { Queue } from 'bullmq';
import t, { type Test } from 'tap';
import { Type } from 'typebox';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { BullMqJobQueue, BullMqJobWorker, JobHandlers, jobType, type JobHandler } from '../src/index.ts';
import { gate, memoryLog } from './support/helpers.ts';

const work = jobType({
  name: 'test.work',
  queue: 'test',
  payload: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
  attempts: 3,
  backoffMs: 10,
});

/** A unique key prefix for the test, a raw BullMQ queue to inspect it, and cleanup of every key at the end. */
async function redisFixture(t: Test) {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return undefined;
  const prefix = uniqueName('leadmatch_test');
  const inspect = inspectQueue(t, redisUrl, prefix, work.queue);
  const openQueue = () => {
    const queue = new BullMqJobQueue({ redisUrl, prefix, log: memoryLog() });
    t.teardown(() => queue.close());
    return queue;
  };
  const startWorker = async (handler: JobHandler<typeof work.payload>) => {
    const worker = new BullMqJobWorker(new JobHandlers().on(work, handler), { redisUrl, prefix, log: memoryLog() });
    t.teardown(() => worker.close());
    await worker.start();
    return worker;
  };
  return { inspect, openQueue, startWorker };
}

/** The job once it has reached a final state; it is read after the state so that it holds the outcome. */
async function finishedJob(inspect: Queue, jobId: string, state: 'completed' | 'failed') {
  return eventually(async () => ((await inspect.getJobState(jobId)) === state ? inspect.getJob(jobId) : undefined));
}

t.test('an enqueued job runs through the worker', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const seen: unknown[] = [];
  await redis.startWorker(async ({ n }, ctx) => void seen.push(n, ctx.jobId, ctx.attempt));
  const queue = redis.openQueue();
  t.equal(queue.mode, 'bullmq');
  await queue.ping();
  await queue.enqueue(work, { n: 7 }, { jobId: 'job-7' });
  await finishedJob(redis.inspect, 'job-7', 'completed');
  t.same(seen, [7, 'job-7', 1]);
});

t.test('the same jobId enqueued twice makes one job', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const queue = redis.openQueue();
  await queue.enqueue(work, { n: 1 }, { jobId: 'once' });
  await queue.enqueue(work, { n: 2 }, { jobId: 'once' });
  const jobs = await redis.inspect.getJobs(['waiting', 'delayed', 'active', 'completed']);
  t.same(
    jobs.map((job) => [job.id, job.data]),
    [['once', { n: 1 }]],
  );
});

t.test('enqueue and schedule reject an invalid payload', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const queue = redis.openQueue();
  await t.rejects(queue.enqueue(work, { n: 'x' } as never), { name: 'InvalidJobPayloadError' });
  await t.rejects(queue.schedule('bad', work, { n: 1, extra: 1 } as never, { everyMs: 60_000 }), {
    name: 'InvalidJobPayloadError',
  });
  t.equal(await redis.inspect.count(), 0);
  t.equal(await redis.inspect.getJobSchedulersCount(), 0);
});

t.test('a failing job is retried as many times as its type allows, then fails', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const attempts: number[] = [];
  const worker = await redis.startWorker(async (_payload, ctx) => {
    attempts.push(ctx.attempt);
    throw new Error(`boom ${ctx.attempt}`);
  });
  const failures: unknown[] = [];
  worker.onAttemptFailed((failed) => failures.push(failed));
  await redis.openQueue().enqueue(work, { n: 1 }, { jobId: 'doomed' });
  const job = await finishedJob(redis.inspect, 'doomed', 'failed');
  t.same(attempts, [1, 2, 3]);
  t.same(failures, Array(3).fill({ queue: 'test', name: 'test.work' }), 'every failed attempt is told');
  t.equal(job.attemptsMade, 3);
  t.equal(job.failedReason, 'boom 3');
});

t.test('counts tells the jobs of each queue by state', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const queue = redis.openQueue();
  const none = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
  t.same(await queue.counts(), { maintenance: none, match: none, followups: none, webhooks: none }, 'every queue the job types use, by default');

  await queue.enqueueMany(work, [{ payload: { n: 1 }, jobId: 'fails' }, { payload: { n: 2 }, jobId: 'runs' }]);
  await queue.enqueue(work, { n: 3 }, { jobId: 'later', delayMs: 60_000 });
  t.same(await queue.counts(['test']), { test: { ...none, waiting: 2, delayed: 1 } });

  await redis.startWorker(async ({ n }) => {
    if (n === 1) throw new Error('boom');
  });
  await finishedJob(redis.inspect, 'runs', 'completed');
  await finishedJob(redis.inspect, 'fails', 'failed');
  t.same(await queue.counts(['test']), { test: { ...none, delayed: 1, failed: 1, completed: 1 } });
});

t.test('a job with an invalid payload fails without retries', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  let ran = false;
  await redis.startWorker(async () => {
    ran = true;
  });
  await redis.inspect.add(work.name, { n: 'seven' }, { jobId: 'malformed', attempts: 3 });
  const job = await finishedJob(redis.inspect, 'malformed', 'failed');
  t.notOk(ran);
  t.equal(job.attemptsMade, 1);
  t.match(job.failedReason, /invalid payload for job test\.work/);
});

t.test('one scheduler id upserted from two queues makes one scheduler', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  await Promise.all(
    [redis.openQueue(), redis.openQueue()].map((queue) => queue.schedule('purge', work, { n: 1 }, { everyMs: 60_000 })),
  );
  const schedulers = await redis.inspect.getJobSchedulers();
  t.equal(schedulers.length, 1);
  t.match(schedulers[0], { key: 'purge', name: work.name, every: 60_000 });
});

t.test('close waits for the running job to finish', async (t) => {
  const redis = await redisFixture(t);
  if (!redis) return;
  const started = gate();
  const release = gate();
  const worker = await redis.startWorker(async () => {
    started.open();
    await release.opened;
  });
  await redis.openQueue().enqueue(work, { n: 1 }, { jobId: 'slow' });
  await started.opened;
  let closed = false;
  const closing = worker.close().then(() => (closed = true));
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.notOk(closed, 'still waiting for the job');
  release.open();
  await closing;
  t.equal(await (await redis.inspect.getJob('slow'))?.getState(), 'completed');
});

t.test('while Redis is unreachable, ping and enqueue fail instead of waiting', async (t) => {
  const log = memoryLog();
  const queue = new BullMqJobQueue({ redisUrl: 'redis://127.0.0.1:1', prefix: uniqueName('leadmatch_test'), log });
  t.teardown(() => queue.close());
  const started = performance.now();
  await t.rejects(queue.ping(), /ECONNREFUSED/);
  await t.rejects(queue.enqueue(work, { n: 1 }), /ECONNREFUSED/);
  await t.rejects(queue.counts(), /ECONNREFUSED/);
  t.ok(performance.now() - started < 3000, 'within the ready timeout');
  t.match(log.entries, [{ level: 'warn', msg: 'job queue cannot reach Redis' }]);
});
