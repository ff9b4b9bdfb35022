export { buildApp, type AppOptions } from './app.ts';
export { loggerOptions } from '@leadmatch/http';
export { logStartup } from './startup-log.ts';
