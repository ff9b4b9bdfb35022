import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';
import { openNullable, sealNullable, type PersonalData, type PersonalField } from '@leadmatch/db';
import { companyKey, type CloseOutcome, type LeadNeeds, type LeadRecord, type LeadStatus } from '@leadmatch/domain';
import type { LeadRow, LeadRowUpdate } from './tables.ts';

/** Which leads a caller may touch: one API key's own, or all of them. */
export type LeadScope = { ownerKey: string } | { ownerKey: null };

export interface LeadPage {
  leads: LeadRecord[];
  next: LeadCursor | null;
}

export interface LeadCursor {
  updatedAt: Date;
  id: string;
}

export interface LeadListFilter {
  status?: LeadStatus | undefined;
  updatedSince?: Date | undefined;
  after?: LeadCursor | undefined;
  limit: number;
}

type Contact = Pick<LeadNeeds, 'contactName' | 'contactPhone' | 'contactEmail'>;

const opened = (personalData: PersonalData, field: PersonalField, sealed: string | null) =>
  sealed === null ? null : personalData.open(field, sealed);

/** The contact of a stored lead, opened with the key. */
export function contactOf(row: LeadRow, personalData: PersonalData): Contact {
  return {
    contactName: opened(personalData, 'contact_name', row.contact_name_sealed),
    contactPhone: opened(personalData, 'contact_phone', row.contact_phone_sealed),
    contactEmail: opened(personalData, 'contact_email', row.contact_email_sealed),
  };
}

const NO_CONTACT: Contact = { contactName: null, contactPhone: null, contactEmail: null };

/** The free text officers type (where phone numbers end up too), opened; a row not sealed yet gives its plaintext. */
function freeTextOf(row: LeadRow, personalData: PersonalData): Pick<LeadRecord, 'notes' | 'closeNote'> {
  return {
    notes: openNullable(personalData, 'lead_notes', row.notes_sealed, row.notes),
    closeNote: openNullable(personalData, 'close_note', row.close_note_sealed, row.close_note),
  };
}

/** A stored lead with its contact and free text opened. */
export function openLeadRecord(row: LeadRow, personalData: PersonalData): LeadRecord {
  return { ...toLeadRecord(row), ...contactOf(row, personalData), ...freeTextOf(row, personalData) };
}

/** What matching reads: the needs and the notes (policy instruments are named there), never the contact. */
export function leadForMatching(row: LeadRow, personalData: PersonalData): LeadRecord {
  return { ...toLeadRecord(row), ...freeTextOf(row, personalData) };
}

/** A stored lead without its personal data: the contact and the free text read as null. */
export function toLeadRecord(row: LeadRow): LeadRecord {
  return {
    id: row.id,
    ownerKey: row.owner_key,
    externalId: row.external_id,
    status: row.status as LeadStatus,
    statusReason: row.status_reason,
    companyName: row.company_name,
    creditCode: row.credit_code,
    ...NO_CONTACT,
    industry: row.industry,
    industryCode: row.industry_code,
    industryCodes: row.industry_codes,
    uses: row.uses as LeadRecord['uses'],
    landM2: row.land_m2,
    buildingM2: row.building_m2,
    buildingTenure: row.building_tenure as LeadRecord['buildingTenure'],
    annualTaxWan: row.annual_tax_wan,
    investmentWan: row.investment_wan,
    employees: row.employees,
    regions: row.regions,
    policyInterests: row.policy_interests as LeadRecord['policyInterests'],
    notes: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    erasedAt: row.erased_at,
    closedAt: row.closed_at,
    outcome: row.outcome as CloseOutcome | null,
    closeNote: null,
  };
}

/** The columns that hold a lead's needs, the contact and notes aside (see sealedContactColumns, sealedNotesColumns). */
export function leadColumns(needs: Omit<LeadNeeds, keyof Contact | 'notes'>) {
  return {
    company_name: needs.companyName,
    company_key: needs.companyName && companyKey(needs.companyName),
    credit_code: needs.creditCode,
    industry: needs.industry,
    industry_code: needs.industryCode,
    uses: needs.uses,
    land_m2: needs.landM2,
    building_m2: needs.buildingM2,
    building_tenure: needs.buildingTenure,
    annual_tax_wan: needs.annualTaxWan,
    investment_wan: needs.investmentWan,
    employees: needs.employees,
    regions: needs.regions,
    policy_interests: needs.policyInterests,
  } satisfies LeadRowUpdate;
}

const sealed = (personalData: PersonalData, field: PersonalField, text: string | null) => sealNullable(personalData, field, text);

/** The notes as stored: sealed, and no plaintext left from before sealing. */
export function sealedNotesColumns(notes: string | null, personalData: PersonalData) {
  return { notes: null, notes_sealed: sealed(personalData, 'lead_notes', notes) } satisfies LeadRowUpdate;
}

/** The contact as stored: sealed, with the keyed phone hash dedup looks up. */
export function sealedContactColumns(contact: Contact, personalData: PersonalData) {
  return {
    contact_name_sealed: sealed(personalData, 'contact_name', contact.contactName),
    contact_phone_sealed: sealed(personalData, 'contact_phone', contact.contactPhone),
    contact_email_sealed: sealed(personalData, 'contact_email', contact.contactEmail),
    contact_phone_hash: contact.contactPhone === null ? null : personalData.phoneHash(contact.contactPhone),
  } satisfies LeadRowUpdate;
}

function needColumns(changes: Partial<LeadNeeds>, personalData: PersonalData): LeadRowUpdate {
  const columns: LeadRowUpdate = {
    ...leadColumns(changes as LeadNeeds),
    ...(changes.notes !== undefined && sealedNotesColumns(changes.notes, personalData)),
    // The codes of the old industry are dropped; the next match writes the new ones.
    ...((changes.industry !== undefined || changes.industryCode !== undefined) && { industry_codes: [] }),
    ...(changes.contactPhone !== undefined && {
      ...sealedContactColumns(changes as Contact, personalData),
      // A row not sealed yet at boot must not keep, or later have sealed, the contact it replaced.
      contact_name: null,
      contact_phone: null,
      contact_email: null,
    }),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/** The partial unique indexes that keep one open lead per company (see the 1010 migration). */
const DEDUP_INDEXES = { leads_open_credit_code_key: 'creditCode', leads_open_company_phone_key: 'companyAndPhone' } as const;
export type DuplicateMatch = (typeof DEDUP_INDEXES)[keyof typeof DEDUP_INDEXES];

/** What a write collided with when it would have made a second open lead of one company, or null. */
export function duplicateViolation(error: unknown): DuplicateMatch | null {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== '23505' || typeof constraint !== 'string') return null;
  return DEDUP_INDEXES[constraint as keyof typeof DEDUP_INDEXES] ?? null;
}

function scoped(db: Executor, scope: LeadScope) {
  const query = db.selectFrom('leads');
  return scope.ownerKey === null ? query : query.where('owner_key', '=', scope.ownerKey);
}

/** The lead, with its contact and free text opened when given the key (callers that need neither pass none). */
export async function findLead(db: Executor, id: string, scope: LeadScope, personalData?: PersonalData): Promise<LeadRecord | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return personalData ? openLeadRecord(row, personalData) : toLeadRecord(row);
}

/** Oldest change first, so a CRM can page through `updatedSince` and resume from the cursor. */
export async function listLeads(db: Executor, scope: LeadScope, filter: LeadListFilter, personalData: PersonalData): Promise<LeadPage> {
  let query = scoped(db, scope).selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.updatedSince) query = query.where('updated_at', '>=', filter.updatedSince);
  if (filter.after) {
    const { updatedAt, id } = filter.after;
    query = query.where(sql<boolean>`(updated_at, id) > (${updatedAt}, ${id})`);
  }
  const rows = await query
    .orderBy('updated_at')
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit).map((row) => openLeadRecord(row, personalData));
  const last = page.at(-1);
  return { leads: page, next: rows.length > filter.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

export async function updateLeadNeeds(
  db: Executor,
  id: string,
  scope: LeadScope,
  changes: Partial<LeadNeeds>,
  personalData: PersonalData,
): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({ ...needColumns(changes, personalData), status: 'pending', status_reason: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && openLeadRecord(row, personalData);
}

/** Closes an open lead; undefined when no open, unerased lead of this scope has the id. */
export async function closeLead(
  db: Executor,
  id: string,
  scope: LeadScope,
  close: { outcome: CloseOutcome; note: string | null },
  personalData: PersonalData,
): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({
      closed_at: sql`now()`,
      outcome: close.outcome,
      close_note: null,
      close_note_sealed: sealed(personalData, 'close_note', close.note),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .where('closed_at', 'is', null);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && openLeadRecord(row, personalData);
}

/** Reopens a closed lead; undefined when no closed, unerased lead of this scope has the id. */
export async function reopenLead(db: Executor, id: string, scope: LeadScope, personalData: PersonalData): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({ closed_at: null, outcome: null, close_note: null, close_note_sealed: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .where('closed_at', 'is not', null);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && openLeadRecord(row, personalData);
}
