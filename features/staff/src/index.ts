export * from './repository.ts';
export * from './tables.ts';
