import type { JobHandlers } from '@leadmatch/jobs';
import type { HandlerDependencies } from '../handlers.ts';

/** Binds the follow-up job types to their handlers. */
export function registerFollowUpHandlers(handlers: JobHandlers, _deps: HandlerDependencies): JobHandlers {
  return handlers;
}
