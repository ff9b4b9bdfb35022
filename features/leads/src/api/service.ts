import type { Kysely } from 'kysely';
import { type Database, type Executor, type PersonalData } from '@leadmatch/db';
import {
  DomainError,
  normalizeLeadInput,
  normalizeLeadPatch,
  toLeadView,
  type LeadInput,
  type LeadPatch,
  type LeadView,
} from '@leadmatch/domain';
import { eraseLead } from '../erasure-repository.ts';
import { forgetResponsesForLead } from '../idempotency.ts';
import { requestMatches } from '../match-requests/repository.ts';
import { closeLead, duplicateViolation, findLead, listLeads, reopenLead, updateLeadNeeds, type LeadListFilter, type LeadScope } from '../repository.ts';
import { intakeResponse, type LeadIntake } from './intake.ts';
import type { LeadClose, LeadIntakeResult } from './schemas.ts';

export interface RecordedLead {
  statusCode: 200 | 201;
  lead: LeadIntakeResult;
  /** True when an Idempotency-Key replayed an earlier response. */
  replayed: boolean;
}

export interface Idempotency {
  key: string;
  requestHash: string;
}

const notFound = () => new DomainError('not-found', 404, 'No lead with this id is visible to this API key.');
const erased = () =>
  new DomainError('lead-erased', 409, "This lead's personal data was erased; it can no longer be changed.");

const DUPLICATE_FIELDS = { creditCode: '/company/creditCode', companyAndPhone: '/contact/phone' } as const;

/** A change that would make a second open lead of one company is refused, naming the field that collides. */
function duplicateOrRethrow(error: unknown): never {
  const match = duplicateViolation(error);
  if (match === null) throw error;
  throw new DomainError('duplicate-lead', 409, 'Another open lead of this API key already has this company.', [
    {
      pointer: DUPLICATE_FIELDS[match],
      location: 'body',
      message: match === 'creditCode' ? 'is the credit code of another open lead' : 'with the company name, matches another open lead',
    },
  ]);
}

/**
 * Records a lead, updates the owner's lead with the same external id, or links to the owner's open
 * lead of the same company, and requests its match. The idempotency claim, the lead, its match
 * request and the stored response commit together.
 */
export async function recordLead(
  intake: LeadIntake,
  ownerKey: string,
  input: LeadInput,
  idempotency: Idempotency | undefined,
): Promise<RecordedLead> {
  const outcome = await intake
    .save({ ownerKey, externalId: input.externalId ?? null, needs: normalizeLeadInput(input), idempotency: idempotency ?? null })
    .catch(duplicateOrRethrow);
  switch (outcome.kind) {
    case 'erased':
      throw erased();
    case 'claimed-before':
      if (outcome.stored.requestHash !== idempotency!.requestHash) {
        throw new DomainError('idempotency-key-reused', 422, 'This Idempotency-Key was already used with a different request body.');
      }
      return { statusCode: outcome.stored.statusCode as 200 | 201, lead: outcome.stored.body as LeadIntakeResult, replayed: true };
    default: {
      const { statusCode, body } = intakeResponse(outcome);
      return { statusCode, lead: body, replayed: false };
    }
  }
}

/** The lead as the API shows it; without the key (callers that need no contact) its contact reads as null. */
export async function getLead(db: Executor, id: string, scope: LeadScope, personalData?: PersonalData): Promise<LeadView> {
  const lead = await findLead(db, id, scope, personalData);
  if (!lead) throw notFound();
  return toLeadView(lead);
}

export async function browseLeads(db: Executor, scope: LeadScope, filter: LeadListFilter, personalData: PersonalData) {
  const page = await listLeads(db, scope, filter, personalData);
  return { leads: page.leads.map(toLeadView), next: page.next };
}

/** Changes the needs and requests a new match, together. */
export async function changeLeadNeeds(
  db: Kysely<Database>,
  id: string,
  scope: LeadScope,
  patch: LeadPatch,
  personalData: PersonalData,
): Promise<{ lead: LeadView; matchRequestId: string }> {
  return db
    .transaction()
    .execute(async (trx) => {
      const updated = await updateLeadNeeds(trx, id, scope, normalizeLeadPatch(patch), personalData);
      if (!updated) throw (await findLead(trx, id, scope, personalData)) ? erased() : notFound();
      const [matchRequestId] = await requestMatches(trx, [id], 'updated');
      return { lead: toLeadView(updated), matchRequestId: matchRequestId! };
    })
    .catch(duplicateOrRethrow);
}

/** Erases personal data (PIPL) and the stored responses that repeat it; keeps an anonymous record. */
export async function eraseLeadPersonalData(db: Kysely<Database>, id: string, scope: LeadScope): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const lead = await eraseLead(trx, id, scope);
    if (!lead) throw notFound();
    await forgetResponsesForLead(trx, id);
  });
}

/** Why a lead cannot be closed or reopened: it is not there, it was erased, or it already is. */
async function refusal(db: Executor, id: string, scope: LeadScope, personalData: PersonalData, already: 'closed' | 'open'): Promise<DomainError> {
  const lead = await findLead(db, id, scope, personalData);
  if (!lead) return notFound();
  if (lead.erasedAt) return erased();
  return already === 'closed'
    ? new DomainError('lead-closed', 409, 'This lead is already closed; reopen it first to close it again.')
    : new DomainError('lead-open', 409, 'This lead is open; only a closed lead can be reopened.');
}

export async function closeLeadWithOutcome(
  db: Executor,
  id: string,
  scope: LeadScope,
  close: LeadClose,
  personalData: PersonalData,
): Promise<LeadView> {
  const lead = await closeLead(db, id, scope, { outcome: close.outcome, note: close.note?.trim() ?? null }, personalData);
  if (!lead) throw await refusal(db, id, scope, personalData, 'closed');
  return toLeadView(lead);
}

/** Reopening may meet an open lead of the same company recorded meanwhile: that is a 409. */
export async function reopenClosedLead(db: Executor, id: string, scope: LeadScope, personalData: PersonalData): Promise<LeadView> {
  const lead = await reopenLead(db, id, scope, personalData).catch(duplicateOrRethrow);
  if (!lead) throw await refusal(db, id, scope, personalData, 'open');
  return toLeadView(lead);
}
