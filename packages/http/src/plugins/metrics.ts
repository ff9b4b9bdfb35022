import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { Metrics, type MetricsStores } from '@leadmatch/metrics';
import { bearerAuth, bilingual, paragraphs, problemResponses } from '../openapi/docs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics; a worker in the same process records into them too. */
    metrics: Metrics;
  }
}

/** The text runs to tens of KiB; the bound is only there so the schema has one. */
const MAX_EXPOSITION_LENGTH = 16 * 1024 * 1024;

/**
 * Request counts and latencies by route template, and GET /metrics in Prometheus' text format for
 * admin keys. Raw URLs never become labels: a request no route matched counts as `unmatched`.
 */
export interface MetricsOptions {
  /** The features' row counts the gauges read (leads, webhook deliveries by status). */
  counts: (app: FastifyInstance) => Omit<MetricsStores, 'jobs'>;
}

export const metrics = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
    const metrics = new Metrics();
    metrics.readStores({ jobs: app.jobs, ...options.counts(app) });
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    });

    app.get(
      '/metrics',
      {
        config: { access: 'operations:read' },
        schema: {
          tags: ['operations'],
          summary: bilingual('Prometheus 指标', 'Prometheus metrics'),
          description: paragraphs(
            '按路由统计的请求量与延迟、匹配耗时、各队列的积压与失败、Webhook 投递结果、各状态的线索数，Prometheus 文本格式 0.0.4。' +
              '用管理员密钥作为 Bearer 令牌抓取。',
            'Request rates and latencies by route, match durations, queue depths and job failures, webhook delivery outcomes and leads by status, ' +
              'in Prometheus text format 0.0.4. Scrape it with an admin key as the bearer token.',
          ),
          security: bearerAuth,
          response: {
            200: {
              description: bilingual('Prometheus 文本格式 0.0.4', 'Prometheus text exposition format 0.0.4'),
              content: { 'text/plain': { schema: Type.String({ maxLength: MAX_EXPOSITION_LENGTH }) } },
            },
            ...problemResponses(401, 403),
          },
        },
      },
      async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()),
    );
  },
  { name: 'metrics', dependencies: ['resources', 'auth'] },
);
