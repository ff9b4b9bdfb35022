import { buildApp, logStartup } from '@leadmatch/api';
import { loadConfigOrExit } from '@leadmatch/config';
import { openReadyDatabase } from '@leadmatch/catalog';
import closeWithGrace from 'close-with-grace';
import { exitOnUnsafeRedis, startWorker } from './worker.ts';

/**
 * `npm start`: the API and one worker in one process. With no DATABASE_URL they share one embedded
 * PGlite, which only one process may open, so this is the way to run without servers.
 */
const config = loadConfigOrExit();
const database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const app = await buildApp({ config, database });
const worker = await startWorker(config, database, app.log.child({ component: 'worker' })).catch(exitOnUnsafeRedis);

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down: no new requests, finishing requests and jobs in flight');
  await app.close();
  await worker.close();
  await database.close();
});
await app.listen({ port: config.port, host: config.host });
logStartup(app, config, 'api+worker');
