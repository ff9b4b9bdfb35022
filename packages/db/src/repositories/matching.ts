import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { MatchReason } from '../schema.ts';

export interface MatchRequest {
  id: string;
  leadId: string;
  reason: MatchReason;
  completedAt: Date | null;
}

/** Records the intent to match, in the caller's transaction, so it commits with the lead. */
export async function requestMatches(db: Executor, leadIds: string[], reason: MatchReason): Promise<string[]> {
  if (leadIds.length === 0) return [];
  const rows = await db
    .insertInto('match_requests')
    .values(leadIds.map((leadId) => ({ lead_id: leadId, reason })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function markEnqueued(db: Executor, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await db.updateTable('match_requests').set({ enqueued_at: sql`now()` }).where('id', 'in', requestIds).execute();
}

/**
 * Requests no worker has finished: never enqueued, or enqueued long ago and still open (their job
 * was lost with Redis, say). The sweeper enqueues them again; handlers are idempotent.
 */
export async function strandedRequests(db: Executor, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('match_requests')
    .select('id')
    .where('completed_at', 'is', null)
    .where('requested_at', '<', sql<Date>`now() - ${olderThanMs}::double precision * interval '1 millisecond'`)
    .where((eb) =>
      eb.or([
        eb('enqueued_at', 'is', null),
        eb('enqueued_at', '<', sql<Date>`now() - ${olderThanMs * 10}::double precision * interval '1 millisecond'`),
      ]),
    )
    .orderBy('requested_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Locks the request for this transaction; a second worker on the same request waits, then sees it done. */
export async function lockRequest(trx: Executor, requestId: string): Promise<MatchRequest | undefined> {
  const row = await trx
    .selectFrom('match_requests')
    .select(['id', 'lead_id', 'reason', 'completed_at'])
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  return row && { id: row.id, leadId: row.lead_id, reason: row.reason, completedAt: row.completed_at };
}

export async function completeRequest(trx: Executor, requestId: string, outcome: 'matched' | 'failed' | 'skipped') {
  await trx.updateTable('match_requests').set({ completed_at: sql`now()`, outcome }).where('id', '=', requestId).execute();
}

export interface StoredRun {
  id: string;
  leadId: string;
  requestId: string;
  rulesVersion: string;
  catalogVersion: number;
  result: unknown;
  changes: unknown;
  createdAt: Date;
}

export async function latestRun(db: Executor, leadId: string): Promise<StoredRun | undefined> {
  const row = await db.selectFrom('match_runs').selectAll().where('lead_id', '=', leadId).where('is_latest', '=', true).executeTakeFirst();
  return row && toStoredRun(row);
}

export async function listRuns(db: Executor, leadId: string, limit: number, before?: Date): Promise<StoredRun[]> {
  let query = db.selectFrom('match_runs').selectAll().where('lead_id', '=', leadId);
  if (before) query = query.where('created_at', '<', before);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toStoredRun);
}

function toStoredRun(row: {
  id: string;
  lead_id: string;
  request_id: string;
  rules_version: string;
  catalog_version: number;
  result: unknown;
  changes: unknown;
  created_at: Date;
}): StoredRun {
  return {
    id: row.id,
    leadId: row.lead_id,
    requestId: row.request_id,
    rulesVersion: row.rules_version,
    catalogVersion: row.catalog_version,
    result: row.result,
    changes: row.changes,
    createdAt: row.created_at,
  };
}

export interface NewRun {
  leadId: string;
  requestId: string;
  rulesVersion: string;
  catalogVersion: number;
  industryCodes: string[];
  suggestedParkIds: string[];
  result: unknown;
  changes: unknown;
}

/** Stores a run as the lead's latest; the previous latest stays in the history. */
export async function storeRun(trx: Executor, run: NewRun): Promise<string> {
  await trx.updateTable('match_runs').set({ is_latest: false }).where('lead_id', '=', run.leadId).where('is_latest', '=', true).execute();
  const { id } = await trx
    .insertInto('match_runs')
    .values({
      lead_id: run.leadId,
      request_id: run.requestId,
      is_latest: true,
      rules_version: run.rulesVersion,
      catalog_version: run.catalogVersion,
      industry_codes: run.industryCodes,
      suggested_park_ids: run.suggestedParkIds,
      result: JSON.stringify(run.result),
      changes: run.changes === null ? null : JSON.stringify(run.changes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setLeadStatus(trx: Executor, leadId: string, status: 'matched' | 'failed', reason: string | null) {
  await trx
    .updateTable('leads')
    .set({ status, status_reason: reason, updated_at: sql`now()` })
    .where('id', '=', leadId)
    .where('erased_at', 'is', null)
    .execute();
}

export async function recordLeadEvent(trx: Executor, leadId: string, type: string, data: unknown): Promise<void> {
  await trx.insertInto('lead_events').values({ lead_id: leadId, type, data: JSON.stringify(data) }).execute();
}

/** Leads still worth matching, in id order, a page at a time. */
export async function openLeadIds(db: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('leads').select('id').where('erased_at', 'is', null);
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.orderBy('id').limit(limit).execute()).map((row) => row.id);
}

/** Open leads whose latest suggestions name one of these parks, or whose industries one of these codes. */
export async function leadsTouching(db: Executor, parkIds: string[], industryCodes: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('match_runs')
    .innerJoin('leads', 'leads.id', 'match_runs.lead_id')
    .select('match_runs.lead_id')
    .where('match_runs.is_latest', '=', true)
    .where('leads.erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql`match_runs.suggested_park_ids`, '&&', sql`${sql.val(parkIds)}::text[]`),
        eb(sql`match_runs.industry_codes`, '&&', sql`${sql.val(industryCodes)}::text[]`),
      ]),
    )
    .orderBy('match_runs.lead_id')
    .execute();
  return rows.map((row) => row.lead_id);
}

export async function catalogVersionSeen(db: Executor): Promise<number> {
  return (await db.selectFrom('matching_state').select('catalog_version_seen').executeTakeFirstOrThrow()).catalog_version_seen;
}

export async function markCatalogVersionSeen(db: Executor, version: number): Promise<void> {
  await db.updateTable('matching_state').set({ catalog_version_seen: version }).execute();
}
