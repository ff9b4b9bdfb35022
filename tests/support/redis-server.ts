import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Test } from 'tap';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL): without persistence, every key is gone. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
}

/**
 * A redis-server of this test's own on a free port, without persistence, so a fault test can stop
 * and restart it (or misconfigure it) without touching the shared Redis. Killed at teardown.
 */
export async function startPrivateRedis(t: Test, opts: { maxmemoryPolicy?: string } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', opts.maxmemoryPolicy ?? 'noeviction'];
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  const start = async () => {
    if (child) throw new Error('the private redis-server is already running');
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    await untilAnswering(url);
  };
  t.teardown(stop);
  await start();
  return { url, port, stop, start };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilAnswering(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}
