import cluster, { type Worker } from 'node:cluster';
import pino, { type Logger } from 'pino';
import { openReadyDatabase } from '@leadmatch/bootstrap';
import type { Config } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { logOptions } from '@leadmatch/domain';

/** Sent to a parent that started the API with an IPC channel (the benchmark) once every process listens. */
interface ApiProcessesListening {
  apiProcessesListening: number;
}

/**
 * The cluster's primary: serves nothing itself. It prepares the database once, forks
 * `config.apiProcesses` API processes that share PORT, starts another when one that was serving
 * dies, and on SIGTERM or SIGINT asks each to close gracefully. It exits once all have exited: 0 when
 * every one closed cleanly. A process that exits before it listens (a bad port, an unreachable
 * database) would only fail again, so that stops them all (exit 1) instead of starting another.
 */
export async function runApiProcesses(config: Config): Promise<void> {
  const log = pino(logOptions(config)).child({ component: 'api-primary' });
  await prepareDatabase(config, log);

  const wanted = config.apiProcesses;
  const listened = new Set<number>();
  let everyOneListened = false;
  let stopping = false;

  const stop = (reason: string) => {
    stopping = true;
    log.info({ reason }, 'stopping every API process');
    for (const worker of runningWorkers()) worker.process.kill('SIGTERM');
    exitOnceAllExited();
  };
  const exitOnceAllExited = () => {
    if (runningWorkers().length > 0) return;
    log.info({ exitCode: process.exitCode ?? 0 }, 'every API process has exited');
    process.exit();
  };

  cluster.on('listening', (worker) => {
    listened.add(worker.id);
    if (everyOneListened || listened.size < wanted) return;
    everyOneListened = true;
    log.info({ processes: wanted, pids: runningWorkers().map((running) => running.process.pid) }, `${wanted} API processes listening on one port`);
    process.send?.({ apiProcessesListening: wanted } satisfies ApiProcessesListening);
  });
  cluster.on('exit', (worker, code, signal) => {
    const details = { apiProcess: worker.process.pid, code, signal };
    if (stopping) {
      if (code !== 0) process.exitCode = 1;
      exitOnceAllExited();
    } else if (!listened.has(worker.id)) {
      log.error(details, 'an API process exited before it listened');
      process.exitCode = 1;
      stop('an API process could not start');
    } else {
      log.error(details, 'an API process exited unexpectedly; starting another');
      cluster.fork();
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal));

  log.info({ processes: wanted }, `starting ${wanted} API processes`);
  for (let started = 0; started < wanted; started += 1) cluster.fork();
}

/** Migrates and seeds a fresh catalog before forking, so the API processes find nothing left to race over. */
async function prepareDatabase(config: Config, log: Logger): Promise<void> {
  const database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, personalData: personalDataFor(config.piiKey) });
  await database.close();
}

function runningWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
}
