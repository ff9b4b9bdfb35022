import { sql, type Selectable } from 'kysely';
import type { Executor, PersonalData } from '@leadmatch/db';
import type { LeadRecord } from '@leadmatch/domain';
import { leadForMatching } from '@leadmatch/leads';
import type { MatchFacts, MatchResult } from '@leadmatch/matcher';
import type { MatchRunsTable } from './tables.ts';

/**
 * The leads of these ids (erased ones included), locked for this transaction in id order, so that
 * concurrent batches never deadlock on them. A lead's runs are then recorded one transaction after
 * another: a second batch with a request of the same lead waits here until the first commits, then
 * reads the lead and its latest run as that batch left them (retiring that run rather than
 * colliding with it on `match_runs_latest_idx`). `for no key update`, as the status update that
 * follows takes anyway: requests of the lead can still be inserted meanwhile.
 */
export async function lockLeads(trx: Executor, leadIds: string[], personalData: PersonalData): Promise<LeadRecord[]> {
  if (leadIds.length === 0) return [];
  const rows = await trx.selectFrom('leads').selectAll().where('id', 'in', leadIds).orderBy('id').forNoKeyUpdate().execute();
  return rows.map((row) => leadForMatching(row, personalData));
}

export interface StoredRun {
  id: string;
  leadId: string;
  requestId: string;
  rulesVersion: string;
  catalogVersion: number;
  /** The whole result, for runs stored before runs stored facts; null otherwise. */
  result: MatchResult | null;
  facts: MatchFacts | null;
  changes: unknown;
  createdAt: Date;
  /** The last re-match that found the same facts; null when none has. */
  checked: RunCheck | null;
}

export interface RunCheck {
  at: Date;
  catalogVersion: number;
  rulesVersion: string;
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

function toStoredRun(row: Selectable<MatchRunsTable>): StoredRun {
  return {
    id: row.id,
    leadId: row.lead_id,
    requestId: row.request_id,
    rulesVersion: row.rules_version,
    catalogVersion: row.catalog_version,
    result: row.result as MatchResult | null,
    facts: row.facts as MatchFacts | null,
    changes: row.changes,
    createdAt: row.created_at,
    checked:
      row.checked_at === null
        ? null
        : { at: row.checked_at, catalogVersion: row.checked_catalog_version!, rulesVersion: row.checked_rules_version! },
  };
}

/**
 * What the follow-up rules and the suggestion comparison read of a run: whether it has a strong
 * fit, and each suggestion's park, fit and carrier ids. Stored beside the facts, so the rules never
 * read them.
 */
export interface RunOutline {
  hasStrongFit: boolean;
  suggestions: { park: { id: string }; fit: 'strong' | 'partial' | 'weak'; carriers: { id: string }[] }[];
}

export interface NewRun {
  leadId: string;
  requestId: string;
  rulesVersion: string;
  catalogVersion: number;
  industryCodes: string[];
  suggestedParkIds: string[];
  /** The facts as JSON text: serialised as soon as they are made, so the objects behind them die young. */
  factsJson: string;
  factsDigest: string;
  inputDigest: string;
  evaluatedAt: Date;
  outline: RunOutline;
  changes: unknown;
}

/** The latest runs of these leads become history, before their new runs are stored. */
export async function retireLatestRuns(trx: Executor, leadIds: string[]): Promise<void> {
  if (leadIds.length === 0) return;
  await trx.updateTable('match_runs').set({ is_latest: false }).where('lead_id', 'in', leadIds).where('is_latest', '=', true).execute();
}

/**
 * Stores runs as their leads' latest (one run per lead, whose previous latest is retired); returns
 * the run ids in the order given. Stamped when written rather than when the transaction began: a
 * batch that waited for another on the same lead (see lockLeads) stores the newer run, and its time
 * says so.
 */
export async function insertRuns(trx: Executor, runs: NewRun[]): Promise<string[]> {
  if (runs.length === 0) return [];
  const rows = await trx
    .insertInto('match_runs')
    .values(
      runs.map((run) => ({
        lead_id: run.leadId,
        request_id: run.requestId,
        is_latest: true,
        rules_version: run.rulesVersion,
        catalog_version: run.catalogVersion,
        industry_codes: run.industryCodes,
        suggested_park_ids: run.suggestedParkIds,
        facts: run.factsJson,
        facts_digest: run.factsDigest,
        input_digest: run.inputDigest,
        evaluated_at: run.evaluatedAt,
        outline: JSON.stringify(run.outline),
        changes: run.changes === null ? null : JSON.stringify(run.changes),
        created_at: sql<Date>`clock_timestamp()`,
      })),
    )
    .returning(['id', 'request_id'])
    .execute();
  const idByRequest = new Map(rows.map((row) => [row.request_id, row.id]));
  return runs.map((run) => idByRequest.get(run.requestId)!);
}

/**
 * What a re-match compares with: the lead's latest run, its outline, its facts' digest, and what its
 * last match (the run's, or a check's) took in: the lead's digest, the catalog version and the time.
 * The digests and time are null for runs stored before runs stored facts.
 */
export interface LatestRun {
  id: string;
  outline: RunOutline;
  factsDigest: string | null;
  inputDigest: string | null;
  catalogVersion: number;
  evaluatedAt: Date | null;
}

/** Each lead's latest run, by lead id; leads never matched are absent. */
export async function latestRuns(db: Executor, leadIds: string[]): Promise<Map<string, LatestRun>> {
  if (leadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('match_runs')
    .select(['id', 'lead_id', 'outline', 'facts_digest', 'input_digest', 'evaluated_at'])
    .select(sql<number>`coalesce(checked_catalog_version, catalog_version)`.as('evaluated_catalog_version'))
    .where('lead_id', 'in', leadIds)
    .where('is_latest', '=', true)
    .execute();
  return new Map(
    rows.map((row) => [
      row.lead_id,
      {
        id: row.id,
        outline: row.outline as RunOutline,
        factsDigest: row.facts_digest,
        inputDigest: row.input_digest,
        catalogVersion: row.evaluated_catalog_version,
        evaluatedAt: row.evaluated_at,
      },
    ]),
  );
}

/** A run a re-match found unchanged, and the lead's digest that re-match took in. */
export interface RunCheckToRecord {
  runId: string;
  inputDigest: string;
}

/** Records, on runs a re-match found unchanged, that they still hold as of this catalog, these rules and this time. */
export async function markRunsChecked(
  trx: Executor,
  checks: RunCheckToRecord[],
  check: { catalogVersion: number; rulesVersion: string; evaluatedAt: Date },
): Promise<void> {
  if (checks.length === 0) return;
  await sql`
    update match_runs set checked_at = clock_timestamp(), checked_catalog_version = ${check.catalogVersion},
      checked_rules_version = ${check.rulesVersion}, evaluated_at = ${check.evaluatedAt}, input_digest = v.digest
    from jsonb_to_recordset(${JSON.stringify(checks.map(({ runId, inputDigest }) => ({ id: runId, digest: inputDigest })))}::jsonb) as v(id uuid, digest text)
    where match_runs.id = v.id
  `.execute(trx);
}

/** Records the GB/T codes each lead was classified as at this match, the answer first. */
export async function setLeadsIndustryCodes(trx: Executor, codesByLead: ReadonlyMap<string, string[]>): Promise<void> {
  if (codesByLead.size === 0) return;
  const rows = [...codesByLead].map(([id, codes]) => ({ id, codes }));
  await sql`
    update leads set industry_codes = v.codes
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, codes text[])
    where leads.id = v.id and leads.erased_at is null and leads.industry_codes is distinct from v.codes
  `.execute(trx);
}

/** Sets the status of leads not erased. */
export async function setLeadsStatus(trx: Executor, leadIds: string[], status: 'matched' | 'failed', reason: string | null): Promise<void> {
  if (leadIds.length === 0) return;
  await trx
    .updateTable('leads')
    .set({ status, status_reason: reason, updated_at: sql`now()` })
    .where('id', 'in', leadIds)
    .where('erased_at', 'is', null)
    .execute();
}

/** Leads still worth matching (neither erased nor closed), in id order, a page at a time. */
export async function openLeadIds(db: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('leads').select('id').where('erased_at', 'is', null).where('closed_at', 'is', null);
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.orderBy('id').limit(limit).execute()).map((row) => row.id);
}

/**
 * Open leads whose latest suggestions name one of these parks, or whose industries one of these
 * codes: a page in lead id order, after `afterId`.
 */
export async function leadsTouching(
  db: Executor,
  touching: { parkIds: string[]; industryCodes: string[] },
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom('match_runs')
    .innerJoin('leads', 'leads.id', 'match_runs.lead_id')
    .select('match_runs.lead_id')
    .where('match_runs.is_latest', '=', true)
    .where('leads.erased_at', 'is', null)
    .where('leads.closed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql`match_runs.suggested_park_ids`, '&&', sql`${sql.val(touching.parkIds)}::text[]`),
        eb(sql`match_runs.industry_codes`, '&&', sql`${sql.val(touching.industryCodes)}::text[]`),
      ]),
    );
  if (afterId) query = query.where('match_runs.lead_id', '>', afterId);
  const rows = await query.orderBy('match_runs.lead_id').limit(limit).execute();
  return rows.map((row) => row.lead_id);
}

export async function catalogVersionSeen(db: Executor): Promise<number> {
  return (await db.selectFrom('matching_state').select('catalog_version_seen').executeTakeFirstOrThrow()).catalog_version_seen;
}

export async function markCatalogVersionSeen(db: Executor, version: number): Promise<void> {
  await db.updateTable('matching_state').set({ catalog_version_seen: version }).execute();
}

/** One of a lead's top suggestions: its park (by id), fit and score, in the run's rank order. */
export interface TopSuggestion {
  parkId: string;
  fit: string;
  score: number;
}

/**
 * The first `count` suggestions of each lead's latest run, by lead id, in rank order; a lead never
 * matched is absent, one whose latest run suggested no park maps to an empty list. One query; only
 * those few suggestions leave the database (runs stored before facts keep them in their result).
 */
export async function latestTopSuggestions(db: Executor, leadIds: readonly string[], count: number): Promise<Map<string, TopSuggestion[]>> {
  if (leadIds.length === 0) return new Map();
  const { rows } = await sql<{ lead_id: string; park_id: string | null; fit: string | null; score: number | null }>`
    select r.lead_id, coalesce(s.value->>'park', s.value->'park'->>'id') as park_id, s.value->>'fit' as fit,
           (s.value->>'score')::float8 as score
    from match_runs r
    left join lateral (
      select value, ordinality from json_array_elements(coalesce(r.facts->'suggestions', r.result->'suggestions')) with ordinality
      order by ordinality limit ${count}
    ) s on true
    where r.lead_id in (${sql.join(leadIds)}) and r.is_latest
    order by r.lead_id, s.ordinality`.execute(db);
  const byLead = new Map<string, TopSuggestion[]>();
  for (const row of rows) {
    const suggestions = byLead.get(row.lead_id) ?? [];
    byLead.set(row.lead_id, suggestions);
    if (row.park_id !== null) suggestions.push({ parkId: row.park_id, fit: row.fit ?? '', score: row.score ?? 0 });
  }
  return byLead;
}
