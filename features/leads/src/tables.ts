import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '@leadmatch/db';

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

export interface LeadEventsTable {
  id: Generated<string>;
  lead_id: string;
  type: string;
  data: Json<unknown>;
  created_at: CreatedAt;
}

export type LeadRow = Selectable<LeadsTable>;
export type NewLeadRow = Insertable<LeadsTable>;
export type LeadRowUpdate = Updateable<LeadsTable>;

declare module '@leadmatch/db' {
  interface Database {
    leads: LeadsTable;
    idempotency_keys: IdempotencyKeysTable;
    match_requests: MatchRequestsTable;
    lead_events: LeadEventsTable;
  }
}
