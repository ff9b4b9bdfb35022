import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';

export interface NewLeadEvent {
  leadId: string;
  type: string;
  data: unknown;
}

/**
 * Records events in the caller's transaction, stamped when written rather than when the
 * transaction began, so a long batch cannot commit events older than what the webhook relay has
 * already read past.
 */
export async function recordLeadEvents(trx: Executor, events: NewLeadEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('lead_events')
    .values(events.map((event) => ({ lead_id: event.leadId, type: event.type, data: JSON.stringify(event.data), created_at: sql<Date>`clock_timestamp()` })))
    .execute();
}

export async function recordLeadEvent(trx: Executor, leadId: string, type: string, data: unknown): Promise<void> {
  await recordLeadEvents(trx, [{ leadId, type, data }]);
}
