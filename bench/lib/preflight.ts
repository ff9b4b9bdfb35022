import { Redis } from 'ioredis';
import pg from 'pg';

export interface Services {
  databaseUrl: string;
  redisUrl: string;
}

/**
 * DATABASE_URL and REDIS_URL must be set and answer: the bench measures real Postgres and Redis and
 * nothing else. Returns one message saying what is missing otherwise (URLs are never echoed).
 */
export async function checkServices(env: NodeJS.ProcessEnv): Promise<Services | { problem: string }> {
  const { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl } = env;
  const missing = [!databaseUrl && 'DATABASE_URL', !redisUrl && 'REDIS_URL'].filter(Boolean);
  if (!databaseUrl || !redisUrl) {
    return {
      problem: `${missing.join(' and ')} must be set: the bench runs against a real Postgres and Redis, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 npm run bench`,
    };
  }

  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    return { problem: `Postgres at DATABASE_URL does not answer: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }

  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return { problem: `Redis at REDIS_URL does not answer: ${(connectionError ?? (error as Error)).message}` };
  } finally {
    redis.disconnect();
  }
  return { databaseUrl, redisUrl };
}
