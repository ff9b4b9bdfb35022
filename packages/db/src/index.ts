export * from './connect.ts';
export * from './migrate.ts';
export * from './schema.ts';
export * from './executor.ts';
export * from './repositories/leads.ts';
export * from './repositories/idempotency.ts';
export * from './repositories/catalog.ts';
export * from './repositories/matching.ts';
