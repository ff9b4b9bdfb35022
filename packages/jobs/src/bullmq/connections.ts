import { once } from 'node:events';
import { Redis } from 'ioredis';

/** For producers called from HTTP handlers: while Redis is unreachable, commands fail at once instead of queueing. */
export function producerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { enableOfflineQueue: false });
}

/**
 * For workers: commands wait for Redis to come back, as BullMQ requires. It is only a template,
 * since every BullMQ Worker opens its own duplicates, so it never connects itself.
 */
export function workerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
}

export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') await connection.quit();
  else connection.disconnect();
}

/** Waits for a connection still being opened; rejects on its first connection error or after `timeoutMs`. */
export async function connected(connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status !== 'ready') await once(connection, 'ready', { signal: AbortSignal.timeout(timeoutMs) });
}
