import type { JobHandlers } from '@leadmatch/jobs';
import type { HandlerDependencies } from '../handlers.ts';
import { eraseClosedLeadsPastRetention } from './erase-closed-leads.ts';
import { eraseClosedLeads } from './job-types.ts';

export function registerRetentionHandlers(handlers: JobHandlers, deps: HandlerDependencies): JobHandlers {
  return handlers.on(eraseClosedLeads, async (payload, ctx) => {
    await eraseClosedLeadsPastRetention(deps.db, payload, ctx.log);
  });
}
