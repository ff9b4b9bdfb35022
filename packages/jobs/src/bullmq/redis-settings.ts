import type { Redis } from 'ioredis';

/** Thrown at boot when Redis is configured in a way that loses jobs; its message says what to change. */
export class UnsafeRedisSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeRedisSettingsError';
  }
}

/** The `maxmemory_policy` field of `INFO memory` (managed Redis often forbids CONFIG GET, never INFO). */
export async function maxMemoryPolicy(connection: Redis): Promise<string | undefined> {
  const info = await connection.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
}

/**
 * Any policy but `noeviction` lets Redis delete job and lock keys when memory runs short, so jobs
 * vanish without trace. A worker refuses to start on such a Redis rather than lose work later.
 */
export async function assertNoEviction(connection: Redis): Promise<void> {
  const policy = await maxMemoryPolicy(connection);
  if (policy !== undefined && policy !== 'noeviction') {
    throw new UnsafeRedisSettingsError(
      `Redis maxmemory-policy is ${policy}, but job queues need noeviction: set "maxmemory-policy noeviction" in redis.conf or your provider's parameter group, then start the worker again`,
    );
  }
}
