import { availableParallelism } from 'node:os';
import { loadConfig } from '@leadmatch/config';

/** Connections of every HTTP load and of the raw-insert baseline, as the issue states the targets. */
export const CONNECTIONS = 50;

/**
 * The stated load of the match-preview latency targets: staff in Swagger UI and CRMs checking a lead
 * before they send it. 200 previews a second is far above what a national deployment's desks click
 * through, so latency at this rate is what a user sees with the service busy but not overloaded.
 */
export const PREVIEW_RATE_PER_SEC = 200;

/** How much work each section does: the full benchmark, or the smoke run CI uses so the bench cannot rot. */
export interface BenchSettings {
  smoke: boolean;
  /** Seconds of every timed HTTP load and of the raw-insert baseline. */
  loadSeconds: number;
  /** Seconds of load before each timed one, not counted (JIT, pools, caches). */
  warmupSeconds: number;
  /** Jobs of the raw BullMQ baseline. */
  rawBullmqJobs: number;
  /** Leads posted through the API and matched by the worker. */
  pipelineLeads: number;
  /** Open leads re-matched through the scheduled re-match job. */
  rematchLeads: number;
  /** Leads (with runs and follow-up tasks) exported through GET /v1/leads/export. */
  exportLeads: number;
  /** Size of the synthetic national catalog; undefined means the generator's national-scale defaults. */
  nationalSizes: { parks: number; carriers: number; policies: number } | undefined;
  /** Jobs one worker process runs at once per queue: WORKER_CONCURRENCY, or the service's default. */
  workerConcurrency: number;
  /**
   * API processes (API_PROCESSES) behind the port in intake and match preview: API_PROCESSES when set,
   * else one per core but the one the load generator and Postgres need (measured on 2 cores: a second
   * API process halved intake throughput; see BENCHMARKS.md).
   */
  apiProcesses: number;
}

export function benchSettings(smoke: boolean): BenchSettings {
  const workerConcurrency = loadConfig({ WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY }).workerConcurrency;
  const apiProcesses = process.env.API_PROCESSES ? Number(process.env.API_PROCESSES) : Math.max(1, availableParallelism() - 1);
  return smoke
    ? {
        smoke,
        loadSeconds: 1,
        warmupSeconds: 0.5,
        rawBullmqJobs: 2_000,
        pipelineLeads: 300,
        rematchLeads: 1_000,
        exportLeads: 2_000,
        nationalSizes: { parks: 100, carriers: 1_000, policies: 400 },
        workerConcurrency,
        apiProcesses,
      }
    : {
        smoke,
        loadSeconds: 10,
        warmupSeconds: 2,
        rawBullmqJobs: 20_000,
        pipelineLeads: 10_000,
        rematchLeads: 100_000,
        exportLeads: 100_000,
        nationalSizes: undefined,
        workerConcurrency,
        apiProcesses,
      };
}
