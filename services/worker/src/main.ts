import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { openReadyDatabase } from '@leadmatch/bootstrap';
import { loadConfigOrExit } from '@leadmatch/config';
import { personalDataFor, type DatabaseHandle } from '@leadmatch/db';
import { logOptions } from '@leadmatch/domain';
import { Metrics, serveMetrics, type MetricsServer } from '@leadmatch/metrics';
import { exitOnUnsafeRedis, startWorker, type RunningWorker } from './worker.ts';

/**
 * Starts a worker alone. Run as many as you like against the same Postgres and Redis (on one host,
 * each with its own METRICS_PORT). Its metrics are served on METRICS_HOST:METRICS_PORT.
 */
const config = loadConfigOrExit();
const log = pino(logOptions(config)).child({ component: 'worker' });
let database: DatabaseHandle | undefined;
let worker: RunningWorker | undefined;
let metricsServer: MetricsServer | undefined;

// Installed before starting, so that a deploy's SIGTERM during start-up also shuts down in order.
closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'shutting down after an error');
  else log.info({ signal }, 'shutting down: finishing running jobs');
  await worker?.close();
  await metricsServer?.close();
  await database?.close();
});

const metrics = new Metrics();
// First, so a port another worker holds stops this one before it migrates or takes a job.
metricsServer = await serveMetrics(metrics, { port: config.metricsPort, host: config.metricsHost });
database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, personalData: personalDataFor(config.piiKey) });
worker = await startWorker(config, database, log, metrics).catch(exitOnUnsafeRedis);
log.info({ component: 'database', mode: database.kind, location: database.location }, `database: ${database.kind === 'pglite' ? 'embedded PGlite' : 'Postgres'} at ${database.location}`);
log.info(
  { component: 'jobs', mode: worker.mode, concurrency: config.workerConcurrency },
  `jobs: ${worker.mode === 'bullmq' ? 'BullMQ on Redis' : 'Postgres'}, up to ${config.workerConcurrency} at once per queue`,
);
log.info({ component: 'metrics', url: metricsServer.url }, `Prometheus metrics: ${metricsServer.url} (no key: reachable only where METRICS_HOST listens)`);
log.info({ database: database.kind, jobs: worker.mode }, `worker started: database ${database.kind}, jobs through ${worker.mode}`);
