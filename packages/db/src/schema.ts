import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FollowUpTables } from './schema-followups.ts';
import type { WebhookTables } from './schema-webhooks.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface LeadsTable {
  id: Generated<string>;
  owner_key: string;
  external_id: string | null;
  status: Generated<string>;
  company_name: string | null;
  credit_code: string | null;
  /** Plaintext contact columns from before sealing: emptied at boot, never written again. */
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  /** Sealed contact data (see personal-data.ts). */
  contact_name_sealed: string | null;
  contact_phone_sealed: string | null;
  contact_email_sealed: string | null;
  /** Keyed hash of the E.164 phone, for dedup. */
  contact_phone_hash: string | null;
  /** The normalised company name dedup compares (companyKey). */
  company_key: string | null;
  /** Set on a lead that duplicated this one before dedup existed. */
  duplicate_of: string | null;
  closed_at: Date | null;
  outcome: string | null;
  /** Plaintext from before sealing (as `notes`): emptied at boot, never written again. */
  close_note: string | null;
  close_note_sealed: string | null;
  industry: string;
  /** The GB/T 4754-2017 class the CRM says the company is registered under. */
  industry_code: string | null;
  /** GB/T 4754-2017 codes the lead was classified as when last written, the answer first. */
  industry_codes: Generated<string[]>;
  uses: string[];
  land_m2: number | null;
  building_m2: number | null;
  building_tenure: string | null;
  annual_tax_wan: number | null;
  investment_wan: number | null;
  employees: number | null;
  regions: string[];
  policy_interests: string[];
  notes: string | null;
  /** Free text, sealed (see personal-data.ts): officers type phone numbers and names into it. */
  notes_sealed: string | null;
  status_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  erased_at: Date | null;
}

export interface IdempotencyKeysTable {
  owner_key: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  lead_id: string | null;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: Generated<string>;
  queue: string;
  name: string;
  payload: Json<unknown>;
  dedupe_key: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  id: string;
  job_name: string;
  payload: Json<unknown>;
  every_ms: number | null;
  /** A cron pattern, when the schedule is not every N ms. */
  pattern: string | null;
  next_run_at: Timestamp;
}

export type MatchReason = 'created' | 'updated' | 'scheduled' | 'catalog' | 'manual';

export interface MatchRequestsTable {
  id: Generated<string>;
  lead_id: string;
  reason: MatchReason;
  requested_at: CreatedAt;
  enqueued_at: Date | null;
  completed_at: Date | null;
  outcome: 'matched' | 'failed' | 'skipped' | null;
}

export interface MatchRunsTable {
  id: Generated<string>;
  lead_id: string;
  request_id: string;
  is_latest: boolean;
  rules_version: string;
  catalog_version: number;
  industry_codes: string[];
  suggested_park_ids: string[];
  /** The explained result, as the run wrote it (json, not jsonb: nothing queries into it). */
  result: Json<unknown>;
  /** What the follow-up rules and the next run's comparison read of the result (see RunOutline). */
  outline: Json<unknown>;
  changes: Json<unknown> | null;
  created_at: CreatedAt;
}

export interface LeadEventsTable {
  id: Generated<string>;
  lead_id: string;
  type: string;
  data: Json<unknown>;
  created_at: CreatedAt;
}

export interface MatchingStateTable {
  singleton: Generated<boolean>;
  catalog_version_seen: number;
}

interface DocumentColumns<T> {
  id: string;
  data: Json<T>;
  updated_at: Generated<Date>;
}

export type CatalogSourcesTable = DocumentColumns<unknown>;
export interface IndustriesTable extends DocumentColumns<unknown> {
  parent: string | null;
}
export interface ParksTable extends DocumentColumns<unknown> {
  parent_id: string | null;
  province: string;
  city: string | null;
  industry_codes: string[];
}
export interface ClusterFactsTable extends DocumentColumns<unknown> {
  park_id: string;
}
export interface CarriersTable extends DocumentColumns<unknown> {
  park_id: string;
  type: string;
}
export interface PlatformsTable extends DocumentColumns<unknown> {
  park_id: string | null;
}
export interface PoliciesTable extends DocumentColumns<unknown> {
  park_ids: string[];
  kind: string;
}

export interface CatalogStateTable {
  singleton: Generated<boolean>;
  version: number;
  updated_at: Generated<Date>;
}

export interface CatalogChangesTable {
  id: Generated<string>;
  version: number;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entity_id: string;
  park_ids: string[];
  at: CreatedAt;
}

export interface Database extends FollowUpTables, WebhookTables {
  leads: LeadsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  catalog_sources: CatalogSourcesTable;
  industries: IndustriesTable;
  parks: ParksTable;
  cluster_facts: ClusterFactsTable;
  carriers: CarriersTable;
  platforms: PlatformsTable;
  policies: PoliciesTable;
  catalog_state: CatalogStateTable;
  catalog_changes: CatalogChangesTable;
  match_requests: MatchRequestsTable;
  match_runs: MatchRunsTable;
  lead_events: LeadEventsTable;
  matching_state: MatchingStateTable;
}

export type LeadRow = Selectable<LeadsTable>;
export type NewLeadRow = Insertable<LeadsTable>;
export type LeadRowUpdate = Updateable<LeadsTable>;
export type JobRow = Selectable<JobsTable>;
