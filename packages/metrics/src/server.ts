import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.ts';

export interface MetricsServer {
  /** Where Prometheus scrapes, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export interface MetricsAddress {
  /** Null: the default port, or any free port when another process holds it. */
  port: number | null;
  host: string;
}

/** The port Prometheus scrapes a worker on when METRICS_PORT is unset (OpenTelemetry's default). */
export const DEFAULT_WORKER_METRICS_PORT = 9464;

/**
 * Answers GET /metrics (and GET /health, for a container's health check) on a port of its own, for
 * a worker process, which serves no API. It asks for no key, so it listens where only Prometheus
 * reaches it (loopback by default).
 */
export async function serveMetrics(metrics: Metrics, address: MetricsAddress): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (request.method === 'GET' && path === '/metrics') {
      metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else response.writeHead(404).end();
  });
  if (address.port !== null) await listen(server, address.port, address.host);
  else await listen(server, DEFAULT_WORKER_METRICS_PORT, address.host).catch(() => listen(server, 0, address.host));
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

async function listen(server: Server, port: number, host: string): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot serve metrics on ${host}:${port} (${reason}); give each worker on a host its own METRICS_PORT, 0 for any free port, or leave it unset`, { cause: err });
  }
}
