import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { openDashboardQueues } from '@leadmatch/jobs';
import { problemResponses } from '../openapi/docs.ts';
import { sendProblem } from './problems.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** bull-board's page loads its own scripts and styles only; its loading indicator uses inline styles. */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
].join('; ');

export interface QueueDashboardOptions {
  /** Without Redis the jobs live in Postgres, which bull-board cannot show. */
  redisUrl: string | undefined;
  queuePrefix: string;
}

/**
 * bull-board over the BullMQ queues, for operators. Its routes lie in an area the auth plugin
 * gives to `operations:read` with browser login, so a browser asks for the admin key.
 */
export async function queueDashboard(app: FastifyInstance, options: QueueDashboardOptions): Promise<void> {
  if (!options.redisUrl) {
    app.get(QUEUE_DASHBOARD_PATH, { schema: { hide: true, response: problemResponses(401, 403, 404) } }, async (_request, reply) =>
      sendProblem(reply, 404, 'queue-dashboard-unavailable', 'The queue dashboard shows BullMQ queues; set REDIS_URL to run jobs through BullMQ.'),
    );
    return;
  }
  const dashboard = openDashboardQueues({ redisUrl: options.redisUrl, prefix: options.queuePrefix });
  app.addHook('onClose', () => dashboard.close());

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    // For looking only: Postgres holds the truth the jobs act on, and the API has its own ways to act
    // (replaying a webhook delivery, re-matching a lead); removing or pausing jobs here would bypass them.
    queues: dashboard.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'leadmatch queues' } },
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', DASHBOARD_CSP);
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
}
