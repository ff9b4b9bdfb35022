import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The job-queue baseline's consumer: a BullMQ Worker with a no-op processor on the `match` queue, at
 * the concurrency the service's worker uses, in its own process like the service's worker. Tells its
 * parent (IPC) when it is ready, how many jobs completed (every 500), and when the last one did.
 */
const jobs = Number(process.env.JOBS);
const send = (message: object) => process.send?.(message);
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const worker = new Worker('match', async () => {}, {
  connection,
  prefix: process.env.QUEUE_PREFIX!,
  concurrency: Number(process.env.CONCURRENCY),
});
let completed = 0;
worker.on('completed', () => {
  completed += 1;
  if (completed % 500 === 0) send({ type: 'progress', completed });
  if (completed === jobs) {
    send({ type: 'done', at: Date.now() });
    void worker.close().then(() => connection.quit()).then(() => process.exit(0));
  }
});
worker.on('failed', (_job, err) => send({ type: 'failed', message: err.message }));
await worker.waitUntilReady();
send({ type: 'ready' });
