export { Metrics } from './metrics.ts';
export { DEFAULT_WORKER_METRICS_PORT, serveMetrics, type MetricsAddress, type MetricsServer } from './server.ts';
export type { MetricsStores } from './store-gauges.ts';
