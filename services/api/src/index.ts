export { buildApp, type AppOptions } from './app.ts';
export { loggerOptions } from './logger.ts';
export { logStartup } from './startup-log.ts';
