import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { digestSecret } from '@leadmatch/config';
import { schemaUrl, type SchemaName } from './isolation.ts';
import { freePort, spawnService, waitForHttp, type ChildService } from './processes.ts';

/** The run's API keys: a CRM (posts leads, previews) and an admin (creates staff). */
export interface ApiKeys {
  crm: string;
  admin: string;
  /** The owner_key the API stores on a CRM key's leads. */
  crmOwnerKey: string;
}

export function generateApiKeys(): ApiKeys {
  const crm = randomBytes(24).toString('hex');
  return { crm, admin: randomBytes(24).toString('hex'), crmOwnerKey: `key_${digestSecret(crm).slice(0, 16)}` };
}

/** Where and how the services under test run. */
export interface ServiceTarget {
  databaseUrl: string;
  redisUrl: string;
  schema: SchemaName;
  /** This service's BullMQ key prefix: the run's prefix and a part naming the section. */
  queuePrefix: string;
  keys: ApiKeys;
  workerConcurrency: number;
}

/** Feb 29th, 03:00: the nightly re-match never fires by itself during a run; the re-match section enqueues it. */
/** A fixed key is fine here: the bench's leads are synthetic and dropped with its schemas. */
export const BENCH_PII_KEY = 'b'.repeat(64);

const NO_SCHEDULED_REMATCH = '0 3 29 2 *';

function serviceEnv(target: ServiceTarget): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PII_KEY: BENCH_PII_KEY,
    // One CRM key drives the whole load; the per-key limit would otherwise answer 429.
    RATE_LIMIT_PER_MINUTE: '1000000',
    DATABASE_URL: schemaUrl(target.databaseUrl, target.schema),
    REDIS_URL: target.redisUrl,
    QUEUE_PREFIX: target.queuePrefix,
    API_KEYS: `crm:${target.keys.crm},admin:${target.keys.admin}`,
    WORKER_CONCURRENCY: String(target.workerConcurrency),
    REMATCH_CRON: NO_SCHEDULED_REMATCH,
    // A worker's own metrics port: any free one, so nothing else on the machine can hold it.
    METRICS_PORT: '0',
  };
}

export interface RunningApi {
  url: string;
  service: ChildService;
  /** API_PROCESSES: the processes serving the port. */
  processes: number;
}

/**
 * services/api/src/server.ts as `processes` processes on a free port; resolves once each of them
 * listens and /health/ready answers (migrated, seeded, Redis up).
 */
export async function startApi(target: ServiceTarget, processes = 1): Promise<RunningApi> {
  const port = await freePort();
  const env = { ...serviceEnv(target), HOST: '127.0.0.1', PORT: String(port), API_PROCESSES: String(processes) };
  const service = spawnService(`API (${target.schema})`, 'services/api/src/server.ts', env, { ipc: processes > 1 });
  // A load's connections stay with the processes listening when it starts, so it waits for all of them.
  if (processes > 1) await waitForAllListening(service, 180_000);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(service, `${url}/health/ready`, 180_000);
  return { url, service, processes };
}

/** The cluster's primary (services/api/src/api-cluster.ts) says so over IPC once every API process listens. */
function waitForAllListening(service: ChildService, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${service.name}: ${why}; its last output:\n${service.tail()}`));
    };
    const timer = setTimeout(() => fail(`not every API process listened within ${timeoutMs / 1000} s`), timeoutMs);
    service.child.on('message', (message: object) => {
      if (!('apiProcessesListening' in message)) return;
      clearTimeout(timer);
      resolve();
    });
    service.child.once('exit', () => fail('it exited before every API process listened'));
  });
}

/** services/worker/src/main.ts; resolves once a BullMQ worker listens on the match queue. */
export async function startWorker(target: ServiceTarget): Promise<ChildService> {
  const service = spawnService(`worker (${target.schema})`, 'services/worker/src/main.ts', serviceEnv(target));
  const connection = new Redis(target.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('match', { connection, prefix: target.queuePrefix });
  try {
    const deadline = Date.now() + 180_000;
    while ((await queue.getWorkersCount()) === 0) {
      service.assertAlive();
      if (Date.now() > deadline) throw new Error(`${service.name} did not start within 180 s; its last output:\n${service.tail()}`);
      await sleep(200);
    }
    return service;
  } finally {
    await queue.close();
    await connection.quit();
  }
}
