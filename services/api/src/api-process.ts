import cluster from 'node:cluster';
import closeWithGrace from 'close-with-grace';
import type { Config } from '@leadmatch/config';
import { buildApp } from './app.ts';
import { logStartup } from './startup-log.ts';

/**
 * Builds the API and serves it on PORT; SIGTERM or SIGINT stops accepting connections, finishes the
 * requests in flight and exits. In a cluster the primary sends each process SIGTERM instead of SIGINT:
 * a terminal's Ctrl-C reaches every process of its group, and here it would count as a second signal,
 * which exits at once.
 */
export async function startApiProcess(config: Config): Promise<void> {
  const app = await buildApp({ config });
  closeWithGrace({ delay: 10_000, skip: cluster.isWorker ? ['SIGINT'] : [] }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    await app.close();
  });
  if (cluster.isWorker) process.on('SIGINT', () => {});
  await app.listen({ port: config.port, host: config.host });
  logStartup(app, config, 'api');
}
