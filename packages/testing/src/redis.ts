import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Test } from 'tap';

/**
 * A plain BullMQ queue to look into a test's queue. Call it before opening anything else: teardowns
 * run last-in first-out, so the test's queues and workers close before this one deletes every key.
 */
export function inspectQueue(t: Test, redisUrl: string, prefix: string, queueName: string): Queue {
  const connection = new Redis(redisUrl);
  const queue = new Queue(queueName, { connection, prefix });
  t.teardown(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });
  return queue;
}
