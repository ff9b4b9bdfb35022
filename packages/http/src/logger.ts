import type { FastifyServerOptions } from 'fastify';
import { logOptions, type LogSettings } from '@leadmatch/domain';

/** Structured logs (pino) with personal data masked and credentials removed; pretty on a developer's terminal. */
export function loggerOptions(settings: LogSettings): FastifyServerOptions['logger'] {
  return logOptions(settings);
}
