import { getHeapStatistics } from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '@leadmatch/domain';

export interface LoadSheddingOptions {
  /** Mean event-loop delay over one sample above which requests are refused. */
  maxEventLoopDelayMs: number;
  /** Share of the V8 heap limit in use above which requests are refused. */
  maxHeapShare: number;
  sampleIntervalMs: number;
  retryAfterSeconds: number;
}

export const LOAD_SHEDDING_DEFAULTS: LoadSheddingOptions = {
  maxEventLoopDelayMs: 1_000,
  maxHeapShare: 0.95,
  sampleIntervalMs: 1_000,
  retryAfterSeconds: 5,
};

/**
 * When the process is overloaded, new requests get a quick 503 with Retry-After instead of queueing
 * behind the backlog, so latency does not collapse for everyone. Liveness is still answered: an
 * overloaded process is busy, not dead.
 */
export const loadShedding = fp(
  async (app: FastifyInstance, overrides: Partial<LoadSheddingOptions>) => {
    const options = { ...LOAD_SHEDDING_DEFAULTS, ...overrides };
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * options.maxHeapShare),
      sampleInterval: options.sampleIntervalMs,
      pressureHandler: async (request, reply, type, value) => {
        if (request.routeOptions.url === '/health/live') return;
        request.log.warn({ pressure: type, value }, 'overloaded: refusing the request');
        reply.header('retry-after', options.retryAfterSeconds);
        throw new DomainError('overloaded', 503, `The service is overloaded; retry in ${options.retryAfterSeconds} seconds.`);
      },
    });
  },
  { name: 'load-shedding', dependencies: ['problems'] },
);
