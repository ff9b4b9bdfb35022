import type { FastifyServerOptions } from 'fastify';
import { logRedaction } from '@leadmatch/domain';

/** Structured JSON logs (pino) with personal data masked and credentials removed. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: logRedaction };
}
