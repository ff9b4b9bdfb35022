export * from './prepare.ts';
export * from './seal-existing.ts';
