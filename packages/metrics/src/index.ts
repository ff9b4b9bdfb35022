export { Metrics } from './metrics.ts';
export { serveMetrics, type MetricsServer } from './server.ts';
export type { MetricsStores } from './store-gauges.ts';
