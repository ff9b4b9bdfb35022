import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Test } from 'tap';
import { uniqueName } from './services.ts';

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

/**
 * A key prefix of this test's own (for QUEUE_PREFIX, BullMQ, the rate limiter) on the Redis at
 * `redisUrl`: every key under it is deleted at teardown. Call it before opening anything that uses
 * the prefix: teardowns run last-in first-out, so the test's apps, queues and processes close first.
 * Only for a Redis that answers: a prefix on an unreachable one holds nothing to delete.
 */
export function redisPrefix(t: Test, redisUrl: string, label: string): string {
  const prefix = uniqueName(label);
  t.teardown(async () => {
    // One try: a Redis that is gone (a test's private one, stopped) fails the teardown at once rather than stalling it.
    const connection = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    connection.on('error', () => {});
    try {
      await connection.connect();
      await deleteKeysUnder(connection, prefix);
    } finally {
      connection.disconnect();
    }
  });
  return prefix;
}

/** Every key under the prefix (queues, rate-limit counters, the workers' restore marker): how both helpers above clean. */
async function deleteKeysUnder(connection: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await connection.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
