import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Test } from 'tap';

const run = promisify(execFile);
const POSTGRES_USER = 'postgres';

export interface PostgresServer {
  /** A URL to the `postgres` database of this cluster; the port stays the same across restarts. */
  url: string;
  /** `fast` lets sessions end cleanly; `immediate` drops them as a crash would. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
}

/**
 * A PostgreSQL cluster of this test file's own, so a test may stop and start it without touching
 * the server other test files share. Stopped and deleted at teardown.
 */
export async function startPostgresServer(t: Test): Promise<PostgresServer> {
  const bin = await binDir();
  const root = await mkdtemp(join(tmpdir(), 'leadmatch-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  await mkdir(dataDir, { mode: 0o700 });
  await mkdir(socketDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await userIds(POSTGRES_USER);
    for (const dir of [root, dataDir, socketDir]) await chown(dir, uid, gid);
  }
  // Postgres refuses to run as root, so root hands its commands to the postgres user.
  const postgres = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', POSTGRES_USER, '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  await postgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', POSTGRES_USER, '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const server: PostgresServer = {
    url: `postgres://${POSTGRES_USER}@127.0.0.1:${port}/postgres`,
    start: async () => {
      await postgres('pg_ctl', ['start', '-w', '-D', dataDir, '-l', join(root, 'server.log'), '-o', options]);
    },
    stop: async (mode) => {
      await postgres('pg_ctl', ['stop', '-w', '-D', dataDir, '-m', mode]);
    },
  };
  t.teardown(async () => {
    await postgres('pg_ctl', ['stop', '-w', '-D', dataDir, '-m', 'immediate']).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });
  await server.start();
  return server;
}

async function binDir(): Promise<string> {
  try {
    return (await run('pg_config', ['--bindir'])).stdout.trim();
  } catch {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    if (!versions[0]) throw new Error('no PostgreSQL server binaries found under /usr/lib/postgresql');
    return join('/usr/lib/postgresql', versions[0], 'bin');
  }
}

async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
