export * from './connect.ts';
export * from './migrate.ts';
export * from './schema.ts';
export * from './executor.ts';
export * from './group-commit.ts';
export * from './personal-data.ts';
export * from './count-by-status.ts';
