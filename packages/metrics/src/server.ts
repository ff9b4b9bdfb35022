import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

export interface MetricsServer {
  /** Where Prometheus scrapes, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

/**
 * Answers GET /metrics on a port of its own, for a worker process, which serves no API. It asks
 * for no key, so it listens where only Prometheus reaches it (loopback by default).
 */
export async function serveMetrics(metrics: Metrics, address: { port: number; host: string }): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(address.port, address.host);
  try {
    await once(server, 'listening');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot serve metrics on ${address.host}:${address.port} (${reason}); give each worker on a host its own METRICS_PORT, or 0 for any free port`);
  }
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
