import { Metrics, serveMetrics, type MetricsServer } from '@leadmatch/api';
import { loadConfigOrExit } from '@leadmatch/config';
import { openReadyDatabase } from '@leadmatch/catalog';
import type { DatabaseHandle } from '@leadmatch/db';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { logRedaction } from '@leadmatch/domain';
import { exitOnUnsafeRedis, startWorker, type RunningWorker } from './worker.ts';

/**
 * Starts a worker alone. Run as many as you like against the same Postgres and Redis (on one host,
 * each with its own METRICS_PORT). Its metrics are served on METRICS_HOST:METRICS_PORT.
 */
const config = loadConfigOrExit();
const log = pino({ level: config.logLevel, redact: logRedaction }).child({ component: 'worker' });
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
database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
worker = await startWorker(config, database, log, metrics).catch(exitOnUnsafeRedis);
log.info(
  { database: database.kind, jobs: worker.mode, metrics: metricsServer.url },
  `worker started: database ${database.kind}, jobs through ${worker.mode}, metrics at ${metricsServer.url}`,
);
