import closeWithGrace from 'close-with-grace';
import { buildApp, logStartup } from '@leadmatch/api';
import { openReadyDatabase } from '@leadmatch/bootstrap';
import { loadConfigOrExit } from '@leadmatch/config';
import { personalDataFor, type DatabaseHandle } from '@leadmatch/db';
import { exitOnUnsafeRedis, startWorker, type RunningWorker } from '@leadmatch/worker';

/**
 * `npm start`: the API and one worker in one process. With no DATABASE_URL they share one embedded
 * PGlite, which only one process may open, so this is the way to run without servers.
 */
const config = loadConfigOrExit();
let database: DatabaseHandle | undefined;
let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let worker: RunningWorker | undefined;

// Installed before starting, so that a SIGTERM during start-up also shuts down in order.
closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) (app?.log ?? console).error({ err }, 'shutting down after an error');
  else app?.log.info({ signal }, 'shutting down: no new requests, finishing requests and jobs in flight');
  await app?.close();
  await worker?.close();
  await database?.close();
});

database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, personalData: personalDataFor(config.piiKey) });
app = await buildApp({ config, database });
// The worker records into the API's metrics, served at the API's /metrics; no port of its own.
worker = await startWorker(config, database, app.log.child({ component: 'worker' }), app.metrics).catch(exitOnUnsafeRedis);
await app.listen({ port: config.port, host: config.host });
logStartup(app, config, 'api+worker');
