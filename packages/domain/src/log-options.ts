import { logRedaction } from './log-redaction.ts';

export interface LogSettings {
  logLevel: string;
  logFormat: 'json' | 'pretty';
}

/**
 * pino's options for every process: personal data masked, credentials removed, and on a developer's
 * terminal lines made readable by pino-pretty (in a worker thread, so logging stays off the event loop).
 */
export function logOptions({ logLevel, logFormat }: LogSettings) {
  return {
    level: logLevel,
    redact: logRedaction,
    ...(logFormat === 'pretty' && {
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l', ignore: 'pid,hostname' } },
    }),
  };
}
