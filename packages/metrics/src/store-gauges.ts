import { Counter, Gauge, type LabelValues, type Registry } from 'prom-client';
import type { JobQueue } from '@leadmatch/jobs';

/** Rows by status, every known status present (0 when no row has it). */
export type StatusCounts = () => Promise<Record<string, number>>;

/** Where the gauges read at every scrape: the job store, and the features' row counts (the composition root wires them). */
export interface MetricsStores {
  jobs: JobQueue;
  leadsByStatus: StatusCounts;
  webhookDeliveriesByStatus: StatusCounts;
}

type Sample<L extends string> = [labels: LabelValues<L>, value: number];

/** A store that has not answered by then leaves its gauge empty for this scrape, rather than hold up the rest. */
const READ_TIMEOUT_MS = 3000;

/**
 * Gauges read from the stores at every scrape, so every process reports the same figures (Prometheus
 * keeps the latest). A read that fails or hangs leaves its gauge without samples and is counted in
 * `leadmatch_metrics_read_failures_total`, within the same scrape.
 */
export function registerStoreGauges(registry: Registry, stores: () => MetricsStores | undefined): void {
  const names: string[] = [];
  const reading = new Set<Promise<void>>();
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], read: (stores: MetricsStores) => Promise<Sample<L>[]>) => {
    names.push(name);
    const refresh = async () => {
      metric.reset();
      const current = stores();
      if (!current) return;
      try {
        for (const [labels, value] of await within(READ_TIMEOUT_MS, read(current))) metric.set(labels, value);
      } catch {
        failures.inc({ gauge: name });
      }
    };
    const metric: Gauge<L> = new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect: () => {
        const read = refresh().finally(() => reading.delete(read));
        reading.add(read);
        return read;
      },
    });
  };

  gauge('leadmatch_queue_jobs', 'Jobs in each queue by state (finished ones as long as the job store keeps them)', ['queue', 'state'], async ({ jobs }) =>
    Object.entries(await jobs.counts()).flatMap(([queue, states]) =>
      Object.entries(states).map(([state, count]): Sample<'queue' | 'state'> => [{ queue, state }, count]),
    ),
  );
  gauge('leadmatch_leads', 'Leads of every owner by status', ['status'], ({ leadsByStatus }) => byStatus(leadsByStatus));
  gauge('leadmatch_webhook_deliveries', 'Webhook deliveries by status', ['status'], ({ webhookDeliveriesByStatus }) => byStatus(webhookDeliveriesByStatus));

  // Registered after the gauges, so a scrape reads it once their reads have settled.
  const failures = new Counter({
    name: 'leadmatch_metrics_read_failures_total',
    help: 'Scrapes at which a gauge could not be read from its store (the gauge then has no samples), by gauge',
    labelNames: ['gauge'] as const,
    registers: [registry],
    collect: async () => {
      await Promise.all(reading);
    },
  });
  for (const name of names) failures.inc({ gauge: name }, 0);
}

async function byStatus(counts: StatusCounts): Promise<Sample<'status'>[]> {
  return Object.entries(await counts()).map(([status, count]) => [{ status }, count]);
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
