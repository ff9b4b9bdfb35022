import { WEBHOOK_DELIVERY_STATUSES, type Database } from '@leadmatch/db';
import { LEAD_STATUSES } from '@leadmatch/domain';
import type { JobQueue } from '@leadmatch/jobs';
import type { Kysely } from 'kysely';
import { Counter, Gauge, type LabelValues, type Registry } from 'prom-client';

export interface MetricsStores {
  db: Kysely<Database>;
  jobs: JobQueue;
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
  gauge('leadmatch_leads', 'Leads of every owner by status', ['status'], ({ db }) => countBy(db, 'leads', LEAD_STATUSES));
  gauge('leadmatch_webhook_deliveries', 'Webhook deliveries by status', ['status'], ({ db }) => countBy(db, 'webhook_deliveries', WEBHOOK_DELIVERY_STATUSES));

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

/** Rows by status, with every known status present (0 when no row has it). */
async function countBy(db: Kysely<Database>, table: 'leads' | 'webhook_deliveries', statuses: readonly string[]): Promise<Sample<'status'>[]> {
  const rows = await db.selectFrom(table).select((eb) => ['status', eb.fn.countAll<string>().as('rows')]).groupBy('status').execute();
  const counts = new Map<string, number>(statuses.map((status) => [status, 0]));
  for (const row of rows) counts.set(row.status, Number(row.rows));
  return [...counts].map(([status, count]) => [{ status }, count]);
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
