import type { FastifyInstance } from 'fastify';
import type { Config } from '@leadmatch/config';
import { QUEUE_DASHBOARD_PATH } from '@leadmatch/http';

/** `api` alone hands jobs to worker processes; `api+worker` runs them in the same process. */
export type StartupRole = 'api' | 'api+worker';

/**
 * Where a browser on this machine reaches the listening API: a wildcard bind address is not a
 * place to go, and PORT=0 means the port the system picked.
 */
function publicBase(app: FastifyInstance, config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const address = app.server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : config.port}`;
}

/** One line per component with its mode, and the addresses of the API, its docs, the dashboard and the metrics. */
export function logStartup(app: FastifyInstance, config: Config, role: StartupRole): void {
  const base = publicBase(app, config);
  const { kind, location } = app.database;
  const jobsRun = role === 'api+worker' ? 'in this process' : 'in worker processes (npm run start:worker)';
  const store = app.jobs.mode === 'bullmq' ? 'BullMQ on Redis' : 'Postgres';
  const dashboard = app.jobs.mode === 'bullmq' ? `${base}${QUEUE_DASHBOARD_PATH}` : undefined;

  app.log.info({ component: 'database', mode: kind, location }, `database: ${kind === 'pglite' ? 'embedded PGlite' : 'Postgres'} at ${location}`);
  app.log.info({ component: 'jobs', mode: app.jobs.mode, run: role === 'api+worker' ? 'in-process' : 'workers' }, `jobs: ${store}, run ${jobsRun}`);
  app.log.info({ component: 'api', mode: role, url: base }, `API: ${base}`);
  app.log.info({ component: 'docs', url: `${base}/docs` }, `Swagger UI: ${base}/docs`);
  app.log.info(
    { component: 'dashboard', url: dashboard ?? null },
    dashboard ? `queue dashboard: ${dashboard} (admin key as the password)` : 'queue dashboard: off (it needs REDIS_URL)',
  );
  app.log.info({ component: 'metrics', url: `${base}/metrics` }, `Prometheus metrics: ${base}/metrics (admin key as a bearer token)`);
}
