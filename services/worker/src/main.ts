import { loadConfigOrExit } from '@leadmatch/config';
import { openReadyDatabase } from '@leadmatch/catalog';
import type { DatabaseHandle } from '@leadmatch/db';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { logRedaction } from '@leadmatch/domain';
import { exitOnUnsafeRedis, startWorker, type RunningWorker } from './worker.ts';

/** Starts a worker alone. Run as many as you like against the same Postgres and Redis. */
const config = loadConfigOrExit();
const log = pino({ level: config.logLevel, redact: logRedaction }).child({ component: 'worker' });
let database: DatabaseHandle | undefined;
let worker: RunningWorker | undefined;

// Installed before starting, so that a deploy's SIGTERM during start-up also shuts down in order.
closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'shutting down after an error');
  else log.info({ signal }, 'shutting down: finishing running jobs');
  await worker?.close();
  await database?.close();
});

database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
worker = await startWorker(config, database, log).catch(exitOnUnsafeRedis);
log.info({ database: database.kind, jobs: worker.mode }, `worker started: database ${database.kind}, jobs through ${worker.mode}`);
