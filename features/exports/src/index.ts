export * from './api/routes.ts';
