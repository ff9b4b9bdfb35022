import { loadConfigOrExit } from '@leadmatch/config';
import { openReadyDatabase } from '@leadmatch/catalog';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { loggerOptions } from '@leadmatch/api';
import { startWorker } from './worker.ts';

/** Starts a worker alone. Run as many as you like against the same Postgres and Redis. */
const config = loadConfigOrExit();
const log = pino(loggerOptions(config.logLevel) as pino.LoggerOptions).child({ component: 'worker' });
const database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const worker = await startWorker(config, database, log);
log.info({ database: database.kind, jobs: worker.mode }, `worker started: database ${database.kind}, jobs through ${worker.mode}`);

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'shutting down after an error');
  else log.info({ signal }, 'shutting down: finishing running jobs');
  await worker.close();
  await database.close();
});
