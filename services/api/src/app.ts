import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { openReadyDatabase } from '@leadmatch/bootstrap';
import { briefsRoutes } from '@leadmatch/briefs';
import { catalog, catalogApi } from '@leadmatch/catalog';
import type { Config } from '@leadmatch/config';
import { personalDataFor, type DatabaseHandle } from '@leadmatch/db';
import { exportsRoutes } from '@leadmatch/exports';
import { followupsRoutes } from '@leadmatch/followups';
import {
  answerClientError,
  auth,
  compression,
  contentTypes,
  gracefulClose,
  inputText,
  loadShedding,
  type LoadSheddingOptions,
  loggerOptions,
  metrics,
  openapi,
  problems,
  QUEUE_DASHBOARD_PATH,
  queueDashboard,
  rateLimiting,
  resources,
  securityHeaders,
  sendFrameworkProblem,
  validation,
} from '@leadmatch/http';
import type { JobQueue } from '@leadmatch/jobs';
import { countLeadsByStatus, leadRoutes } from '@leadmatch/leads';
import { matchingRoutes } from '@leadmatch/matching';
import { staffRoutes } from '@leadmatch/staff';
import { countWebhookDeliveriesByStatus, webhooksRoutes } from '@leadmatch/webhooks';
import { healthRoutes } from './health/routes.ts';

export interface AppOptions {
  config: Config;
  /** Shared with a worker in the same process, or a test's own; opened from config when absent. */
  database?: DatabaseHandle;
  jobs?: JobQueue;
  /** Overrides the logger built from config (tests capture logs this way). */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /**
   * Overrides the overload thresholds (tests provoke shedding this way), or turns shedding off (false).
   * Without it, shedding is off under NODE_ENV=test: test files build several apps in one process, and
   * compiling an app's schemas blocks the event loop long enough to read as overload in the others.
   */
  loadShedding?: Partial<LoadSheddingOptions> | false;
  /** Rows the spreadsheet exports read per query (tests make it small to cross pages). */
  exportPageSize?: number;
}

export const BODY_LIMIT_BYTES = 64 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? loggerOptions(config) }),
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (config.usingDevPiiKey) {
    app.log.warn('PII_KEY is not set: contact data is sealed with a public development key. Set PII_KEY before storing real leads.');
  }
  if (config.usingDevKey) {
    app.log.warn('API_KEYS is not set: the key "dev" has every role. Set API_KEYS before exposing this service.');
  }

  await app.register(gracefulClose);
  await app.register(problems);
  await app.register(validation);
  await app.register(contentTypes);
  await app.register(inputText);
  // Each request hook runs in this order: headers on every answer, then the cheapest refusals first.
  await app.register(securityHeaders);
  await app.register(compression);
  const shedding = options.loadShedding ?? (config.nodeEnv === 'test' ? false : {});
  if (shedding) await app.register(loadShedding, shedding);
  await app.register(rateLimiting, {
    apiKeys: config.apiKeys,
    perMinute: config.rateLimitPerMinute,
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
  });
  await app.register(auth, {
    apiKeys: config.apiKeys,
    areas: [
      { prefix: '/docs', access: 'public' },
      { prefix: QUEUE_DASHBOARD_PATH, access: 'operations:read', browserLogin: true },
    ],
  });
  const personalData = personalDataFor(config.piiKey);
  const openDatabase = () => openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: app.log, personalData });
  await app.register(resources, { config, database: options.database, jobs: options.jobs, openDatabase, personalData });
  await app.register(catalog);
  await app.register(openapi);
  // After openapi, so /metrics is documented; before the routes, so its hook times them.
  await app.register(metrics, {
    counts: ({ database }) => ({
      leadsByStatus: () => countLeadsByStatus(database.db),
      webhookDeliveriesByStatus: () => countWebhookDeliveriesByStatus(database.db),
    }),
  });
  await app.register(healthRoutes, { prefix: '/health' });
  await app.register(leadRoutes, { prefix: '/v1/leads' });
  await app.register(matchingRoutes);
  await app.register(briefsRoutes);
  await app.register(catalogApi);
  await app.register(staffRoutes);
  await app.register(followupsRoutes);
  await app.register(exportsRoutes, options.exportPageSize === undefined ? {} : { pageSize: options.exportPageSize });
  await app.register(webhooksRoutes, { allowedNetworks: config.webhookAllowedNetworks });
  await app.register(queueDashboard, { redisUrl: config.redisUrl, queuePrefix: config.queuePrefix });
  return app;
}
