import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { ApiKey } from '@leadmatch/config';
import { DomainError } from '@leadmatch/domain';
import { principalResolver } from './auth.ts';

const WINDOW_MS = 60_000;
/** A Redis that does not answer in time lets the request through rather than stalling the API. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

export interface RateLimitOptions {
  apiKeys: ApiKey[];
  perMinute: number;
  /** Counts in Redis, shared by every replica; in this process's memory when absent. */
  redisUrl: string | undefined;
  /** Namespaces the counters, as it does the queues. */
  prefix: string;
}

const isHealthCheck = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/health/') ?? false;

/** Without an offline queue a request never waits for Redis while it is down: it is let through at once. */
async function openCounterStore(app: FastifyInstance, redisUrl: string): Promise<Redis> {
  const redis = new Redis(redisUrl, { commandTimeout: REDIS_COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on('error', (err) => app.log.warn({ err }, 'rate limit counters: Redis is unreachable; not limiting meanwhile'));
  await redis.connect().catch(() => undefined);
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return redis;
}

/**
 * A budget of requests per minute for each API key, or for each client address when the request
 * carries no valid key. It runs before authentication, so guessing keys is limited too.
 */
export const rateLimiting = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    const principalFor = principalResolver(options.apiKeys);
    await app.register(rateLimit, {
      global: false,
      max: options.perMinute,
      timeWindow: WINDOW_MS,
      enableDraftSpec: true,
      skipOnError: true,
      ...(options.redisUrl && { redis: await openCounterStore(app, options.redisUrl), nameSpace: `${options.prefix}:rate-limit:` }),
      allowList: (request) => isHealthCheck(request),
      keyGenerator: (request) => {
        const principal = principalFor(request);
        return principal ? `key:${principal.keyId}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (request, context) => {
        const who = principalFor(request) ? 'This API key' : 'This address';
        return new DomainError(
          'rate-limited',
          429,
          `${who} sent more than ${context.max} requests in a minute; retry in ${context.after}.`,
        );
      },
    });
    app.addHook('onRequest', app.rateLimit());
  },
  { name: 'rate-limiting', dependencies: ['problems'] },
);
