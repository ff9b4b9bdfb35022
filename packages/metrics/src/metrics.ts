import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { registerStoreGauges, type MetricsStores } from './store-gauges.ts';

const HTTP_LABELS = ['method', 'route', 'status_code'] as const;
/** From well under a millisecond (one lead through the matcher) up to a second. */
const MATCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

const WEBHOOK_ATTEMPT_OUTCOMES = ['delivered', 'retrying', 'failed'] as const;

let processRegistry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC), collected once per process: their
 * observers cannot be stopped, so one per app would pile up in a process that builds many apps.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'leadmatch_' });
  }
  return processRegistry;
}

/**
 * The metrics of one API app or one worker process, in a registry of its own (never prom-client's
 * global one: tests build many apps in one process). The API and a worker in one process share one.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  readonly httpRequests = new Counter({
    name: 'leadmatch_http_requests_total',
    help: 'HTTP requests answered, by method, route template (`unmatched` when no route matched) and status code',
    labelNames: HTTP_LABELS,
    registers: this.registers,
  });

  readonly httpRequestDuration = new Histogram({
    name: 'leadmatch_http_request_duration_seconds',
    help: 'Seconds from receiving an HTTP request to answering it, by method, route template and status code',
    labelNames: HTTP_LABELS,
    registers: this.registers,
  });

  readonly matchDuration = new Histogram({
    name: 'leadmatch_match_duration_seconds',
    help: 'Seconds one lead spent in the matcher (classifying its industry, ranking parks), observed per lead, not per batch; storing the run is not included',
    buckets: MATCH_BUCKETS,
    registers: this.registers,
  });

  readonly jobsFailed = new Counter({
    name: 'leadmatch_jobs_failed_total',
    help: 'Job attempts whose handler threw, by queue and job type, whether or not the job is retried',
    labelNames: ['queue', 'job'] as const,
    registers: this.registers,
  });

  readonly webhookDeliveryAttempts = new Counter({
    name: 'leadmatch_webhook_delivery_attempts_total',
    help: 'Webhook POSTs made, by outcome: delivered, retrying (failed, another attempt follows) or failed (the last attempt failed)',
    labelNames: ['outcome'] as const,
    registers: this.registers,
  });

  private stores: MetricsStores | undefined;

  constructor() {
    for (const outcome of WEBHOOK_ATTEMPT_OUTCOMES) this.webhookDeliveryAttempts.inc({ outcome }, 0);
    registerStoreGauges(this.registry, () => this.stores);
  }

  /**
   * The database and job store the queue, lead and delivery gauges read at every scrape; until
   * then they are empty. An API and a worker in one process give the same stores.
   */
  readStores(stores: MetricsStores): void {
    this.stores = stores;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in Prometheus' text format, the process's included, with the gauges read afresh. */
  text(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}
