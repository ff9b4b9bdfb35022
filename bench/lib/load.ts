import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { progressBar, timeBar, type Progress } from '@leadmatch/progress';
import { round, summarizeLatencies, type LatencySummary } from './stats.ts';

/** One request of a load: built per request, so every one can differ. */
export interface RequestSpec {
  body: string;
  headers?: Record<string, string>;
}

export interface LoadSpec {
  label: string;
  /** The server's base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  connections: number;
  /** A timed load of this many seconds… */
  seconds?: number;
  /** …or exactly this many requests. */
  amount?: number;
  /** Builds each request's body and extra headers; omit for a fixed GET. */
  next?: () => RequestSpec;
}

export interface LoadResult extends LatencySummary {
  /** Responses with a 2xx status; latencies and throughput count only these. */
  ok: number;
  /** Responses with any other status, by status code. */
  non2xx: number;
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  seconds: number;
  /** 2xx responses per second. */
  reqPerSec: number;
  /** The first few non-2xx answers, status and body, to say what went wrong. */
  errorSamples: string[];
}

const MAX_ERROR_SAMPLES = 5;

/**
 * A closed-loop load with autocannon: `connections` keep-alive connections, each sending its next
 * request as soon as the previous answer arrived. Latencies are recorded per response (sub-millisecond
 * precision), not from autocannon's whole-millisecond histogram.
 */
export async function closedLoop(spec: LoadSpec): Promise<LoadResult> {
  const progress = spec.amount ? progressBar(spec.label, spec.amount, 'requests') : timeBar(spec.label, spec.seconds ?? 0);
  const collector = new Collector();
  try {
    const result = await runAutocannon(spec, collector, spec.amount ? progress : undefined);
    return collector.result(result.duration, result.errors);
  } finally {
    progress.stop();
  }
}

/**
 * Latency at a stated offered rate: `ratePerSec` requests a second over `connections` connections.
 * autocannon paces each connection by sending its share at the start of every second, so one
 * instance would fire all its connections together at each second's start (a burst that measures
 * queueing, not latency at that rate). Each connection is therefore its own instance, started
 * 1/connections of a second after the previous one, which spreads the arrivals over the second.
 */
export async function pacedLoad(spec: LoadSpec & { seconds: number; ratePerSec: number }): Promise<LoadResult & { offeredPerSec: number }> {
  if (spec.ratePerSec % spec.connections !== 0) throw new Error(`rate ${spec.ratePerSec}/s must be a multiple of ${spec.connections} connections`);
  const perConnection = spec.ratePerSec / spec.connections;
  const progress = timeBar(spec.label, spec.seconds + 1);
  const collector = new Collector();
  try {
    const results = await Promise.all(
      Array.from({ length: spec.connections }, async (_, index) => {
        await sleep((index * 1000) / spec.connections);
        return runAutocannon({ ...spec, connections: 1, overallRate: perConnection }, collector, undefined);
      }),
    );
    const errors = results.reduce((total, result) => total + result.errors, 0);
    return { ...collector.result(spec.seconds, errors), offeredPerSec: spec.ratePerSec };
  } finally {
    progress.stop();
  }
}

function runAutocannon(
  spec: LoadSpec & { overallRate?: number },
  collector: Collector,
  progress: Progress | undefined,
): Promise<autocannon.Result> {
  const next = spec.next;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            method: spec.method,
            path: spec.path,
            headers: { ...spec.headers, ...(next ? { 'content-type': 'application/json' } : {}) },
            ...(next
              ? {
                  setupRequest: (request: autocannon.Request) => {
                    const built = next();
                    return { ...request, body: built.body, headers: { ...request.headers, ...built.headers } };
                  },
                }
              : {}),
            onResponse: (status: number, body: string) => collector.sample(status, body),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      collector.record(statusCode, responseTime);
      progress?.update(collector.responses);
    });
  });
}

class Collector {
  responses = 0;
  private readonly latencies: number[] = [];
  private readonly statusCounts: Record<string, number> = {};
  private readonly errorSamples: string[] = [];

  record(status: number, latencyMs: number): void {
    this.responses += 1;
    this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
    if (status >= 200 && status < 300) this.latencies.push(latencyMs);
  }

  sample(status: number, body: string): void {
    if ((status < 200 || status >= 300) && this.errorSamples.length < MAX_ERROR_SAMPLES) {
      this.errorSamples.push(`${status} ${body.slice(0, 300)}`);
    }
  }

  result(seconds: number, errors: number): LoadResult {
    const ok = this.latencies.length;
    return {
      ...summarizeLatencies(this.latencies),
      ok,
      non2xx: this.responses - ok,
      statusCounts: this.statusCounts,
      errors,
      seconds: round(seconds),
      reqPerSec: round(ok / seconds, 1),
      errorSamples: this.errorSamples,
    };
  }
}
