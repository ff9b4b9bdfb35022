import type { Config } from '@leadmatch/config';
import type { FastifyInstance } from 'fastify';

/** One line per component with its mode, and where to find the API and its docs. */
export function logStartup(app: FastifyInstance, config: Config, role: string): void {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${host}:${config.port}`;
  app.log.info({ component: 'database', mode: app.database.kind, location: app.database.location }, 'database ready');
  app.log.info({ component: 'jobs', mode: app.jobs.mode }, `jobs go through ${app.jobs.mode === 'bullmq' ? 'BullMQ on Redis' : 'Postgres, run in-process'}`);
  app.log.info({ component: role, url: base, docs: `${base}/docs` }, `API on ${base}, Swagger UI on ${base}/docs`);
}
