import { logRedaction } from '@leadmatch/domain';
import type { FastifyServerOptions } from 'fastify';

/** Structured JSON logs (pino) with personal data masked and credentials removed. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: logRedaction };
}
