import {
  eraseLead,
  findLead,
  forgetResponsesForLead,
  listLeads,
  requestMatches,
  updateLeadNeeds,
  type Executor,
  type LeadListFilter,
  type LeadScope,
} from '@leadmatch/db';
import type { Database } from '@leadmatch/db';
import {
  DomainError,
  normalizeLeadInput,
  normalizeLeadPatch,
  toLeadView,
  type LeadInput,
  type LeadPatch,
  type LeadView,
} from '@leadmatch/domain';
import type { Kysely } from 'kysely';
import { intakeResponse, type LeadIntake } from './intake.ts';

export interface RecordedLead {
  statusCode: 200 | 201;
  lead: LeadView;
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

/**
 * Records a lead, or updates the owner's lead with the same external id, and requests its match.
 * The idempotency claim, the lead, its match request and the stored response commit together.
 */
export async function recordLead(
  intake: LeadIntake,
  ownerKey: string,
  input: LeadInput,
  idempotency: Idempotency | undefined,
): Promise<RecordedLead> {
  const outcome = await intake.save({
    ownerKey,
    externalId: input.externalId ?? null,
    needs: normalizeLeadInput(input),
    idempotency: idempotency ?? null,
  });
  switch (outcome.kind) {
    case 'erased':
      throw erased();
    case 'claimed-before':
      if (outcome.stored.requestHash !== idempotency!.requestHash) {
        throw new DomainError('idempotency-key-reused', 422, 'This Idempotency-Key was already used with a different request body.');
      }
      return { statusCode: outcome.stored.statusCode as 200 | 201, lead: outcome.stored.body as LeadView, replayed: true };
    default: {
      const { statusCode, body } = intakeResponse(outcome);
      return { statusCode: statusCode as 200 | 201, lead: body, replayed: false };
    }
  }
}

export async function getLead(db: Executor, id: string, scope: LeadScope): Promise<LeadView> {
  const lead = await findLead(db, id, scope);
  if (!lead) throw notFound();
  return toLeadView(lead);
}

export async function browseLeads(db: Executor, scope: LeadScope, filter: LeadListFilter) {
  const page = await listLeads(db, scope, filter);
  return { leads: page.leads.map(toLeadView), next: page.next };
}

/** Changes the needs and requests a new match, together. */
export async function changeLeadNeeds(
  db: Kysely<Database>,
  id: string,
  scope: LeadScope,
  patch: LeadPatch,
): Promise<{ lead: LeadView; matchRequestId: string }> {
  return db.transaction().execute(async (trx) => {
    const updated = await updateLeadNeeds(trx, id, scope, normalizeLeadPatch(patch));
    if (!updated) throw (await findLead(trx, id, scope)) ? erased() : notFound();
    const [matchRequestId] = await requestMatches(trx, [id], 'updated');
    return { lead: toLeadView(updated), matchRequestId: matchRequestId! };
  });
}

/** Erases personal data (PIPL) and the stored responses that repeat it; keeps an anonymous record. */
export async function eraseLeadPersonalData(db: Kysely<Database>, id: string, scope: LeadScope): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const lead = await eraseLead(trx, id, scope);
    if (!lead) throw notFound();
    await forgetResponsesForLead(trx, id);
  });
}
