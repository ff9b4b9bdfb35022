import type { JobHandlers } from '@leadmatch/jobs';
import type { HandlerDependencies } from '../handlers.ts';

/** Binds the webhook job types to their handlers. */
export function registerWebhookHandlers(handlers: JobHandlers, _deps: HandlerDependencies): JobHandlers {
  return handlers;
}
