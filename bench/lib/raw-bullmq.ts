import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { progressBar } from '@leadmatch/progress';
import { spawnService } from './processes.ts';
import { round } from './stats.ts';

export interface RawBullmqFigures {
  jobs: number;
  concurrency: number;
  seconds: number;
  /** Jobs from the first add to the last completion, per second. */
  jobsPerSec: number;
}

type WorkerMessage = { type: 'ready' } | { type: 'progress'; completed: number } | { type: 'done'; at: number } | { type: 'failed'; message: string };

const ADD_BATCH = 1000;
const HOUR_S = 60 * 60;

/**
 * Raw BullMQ throughput: `jobs` jobs shaped like the service's match jobs (name, a request id as
 * payload and job id, the same retry and retention options) added in bulk to the `match` queue,
 * processed by a no-op worker process at the service's concurrency.
 */
export async function measureRawBullmq(redisUrl: string, queuePrefix: string, jobs: number, concurrency: number): Promise<RawBullmqFigures> {
  const worker = spawnService('raw BullMQ worker', 'bench/lib/bullmq-noop-worker.ts', {
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    CONCURRENCY: String(concurrency),
    JOBS: String(jobs),
  }, { ipc: true });
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('match', { connection, prefix: queuePrefix });
  const progress = progressBar('raw BullMQ', jobs, 'jobs');
  try {
    let failure: string | undefined;
    const done = new Promise<number>((resolve, reject) => {
      worker.child.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') progress.update(message.completed);
        else if (message.type === 'failed') failure ??= message.message;
        else if (message.type === 'done') resolve(message.at);
      });
      worker.child.once('exit', (code) => reject(new Error(`the raw BullMQ worker exited (${code}) early:\n${worker.tail()}`)));
    });
    done.catch(() => {}); // awaited below; this only keeps an early exit from being an unhandled rejection
    const [ready] = (await once(worker.child, 'message')) as [WorkerMessage];
    if (ready.type !== 'ready') throw new Error(`the raw BullMQ worker sent ${ready.type} before it was ready`);

    const started = Date.now();
    for (let start = 0; start < jobs; start += ADD_BATCH) {
      await queue.addBulk(
        Array.from({ length: Math.min(ADD_BATCH, jobs - start) }, () => {
          const requestId = randomUUID();
          return {
            name: 'match.lead',
            data: { requestId },
            opts: {
              jobId: requestId,
              attempts: 5,
              backoff: { type: 'exponential', delay: 2000 },
              removeOnComplete: { age: 24 * HOUR_S, count: 1000 },
              removeOnFail: { age: 7 * 24 * HOUR_S, count: 5000 },
            },
          };
        }),
      );
    }
    const finished = await done;
    if (failure) throw new Error(`a no-op BullMQ job failed: ${failure}`);
    const seconds = (finished - started) / 1000;
    return { jobs, concurrency, seconds: round(seconds), jobsPerSec: round(jobs / seconds, 1) };
  } finally {
    progress.stop();
    await worker.stop();
    await queue.close();
    await connection.quit();
  }
}
