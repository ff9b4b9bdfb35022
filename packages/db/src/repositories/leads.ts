import type { LeadNeeds, LeadRecord, LeadStatus } from '@leadmatch/domain';
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { LeadRow, LeadRowUpdate } from '../schema.ts';

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

export function toLeadRecord(row: LeadRow): LeadRecord {
  return {
    id: row.id,
    ownerKey: row.owner_key,
    externalId: row.external_id,
    status: row.status as LeadStatus,
    statusReason: row.status_reason,
    companyName: row.company_name,
    creditCode: row.credit_code,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    industry: row.industry,
    uses: row.uses as LeadRecord['uses'],
    landM2: row.land_m2,
    buildingM2: row.building_m2,
    buildingTenure: row.building_tenure as LeadRecord['buildingTenure'],
    annualTaxWan: row.annual_tax_wan,
    investmentWan: row.investment_wan,
    employees: row.employees,
    regions: row.regions,
    policyInterests: row.policy_interests as LeadRecord['policyInterests'],
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    erasedAt: row.erased_at,
  };
}

/** The columns that hold a lead's needs. */
export function leadColumns(needs: LeadNeeds) {
  return {
    company_name: needs.companyName,
    credit_code: needs.creditCode,
    contact_name: needs.contactName,
    contact_phone: needs.contactPhone,
    contact_email: needs.contactEmail,
    industry: needs.industry,
    uses: needs.uses,
    land_m2: needs.landM2,
    building_m2: needs.buildingM2,
    building_tenure: needs.buildingTenure,
    annual_tax_wan: needs.annualTaxWan,
    investment_wan: needs.investmentWan,
    employees: needs.employees,
    regions: needs.regions,
    policy_interests: needs.policyInterests,
    notes: needs.notes,
  } satisfies LeadRowUpdate;
}

function needColumns(changes: Partial<LeadNeeds>): LeadRowUpdate {
  const columns: LeadRowUpdate = leadColumns(changes as LeadNeeds);
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

function scoped(db: Executor, scope: LeadScope) {
  const query = db.selectFrom('leads');
  return scope.ownerKey === null ? query : query.where('owner_key', '=', scope.ownerKey);
}

export async function findLead(db: Executor, id: string, scope: LeadScope): Promise<LeadRecord | undefined> {
  const row = await scoped(db, scope).selectAll().where('id', '=', id).executeTakeFirst();
  return row && toLeadRecord(row);
}

/** Oldest change first, so a CRM can page through `updatedSince` and resume from the cursor. */
export async function listLeads(db: Executor, scope: LeadScope, filter: LeadListFilter): Promise<LeadPage> {
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
  const page = rows.slice(0, filter.limit).map(toLeadRecord);
  const last = page.at(-1);
  return { leads: page, next: rows.length > filter.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null };
}

export async function updateLeadNeeds(
  db: Executor,
  id: string,
  scope: LeadScope,
  changes: Partial<LeadNeeds>,
): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({ ...needColumns(changes), status: 'pending', status_reason: null, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('erased_at', 'is', null);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && toLeadRecord(row);
}

/** Removes the personal data and free text, keeping an anonymous record of the need. */
export async function eraseLead(db: Executor, id: string, scope: LeadScope): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      notes: null,
      status: 'erased',
      erased_at: sql`coalesce(erased_at, now())`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && toLeadRecord(row);
}
