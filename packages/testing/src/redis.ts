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
    await deleteKeysUnder(connection, prefix);
    await queue.close();
    await connection.quit();
  });
  return queue;
}

/** Whatever else the run left under its prefix (the workers' restore marker, say). */
async function deleteKeysUnder(connection: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await connection.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
