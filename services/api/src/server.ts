import closeWithGrace from 'close-with-grace';
import { loadConfigOrExit } from '@leadmatch/config';
import { buildApp } from './app.ts';
import { logStartup } from './startup-log.ts';

/** Starts the API alone; workers run as separate processes on the same Postgres (and Redis). */
const config = loadConfigOrExit();
const app = await buildApp({ config });
closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
  await app.close();
});
await app.listen({ port: config.port, host: config.host });
logStartup(app, config, 'api');

