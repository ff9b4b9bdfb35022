export * from './api-keys.ts';
export * from './config.ts';
