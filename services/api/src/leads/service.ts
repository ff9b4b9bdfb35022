import {
  claimIdempotencyKey,
  eraseLead,
  findLead,
  forgetResponsesForLead,
  listLeads,
  requestMatches,
  saveLead,
  storeIdempotentResponse,
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

export interface RecordedLead {
  statusCode: 200 | 201;
  lead: LeadView;
  /** True when an Idempotency-Key replayed an earlier response. */
  replayed: boolean;
  /** The match request committed with the lead, to hand to the queue; none on a replay. */
  matchRequestId: string | null;
}

export interface Idempotency {
  key: string;
  requestHash: string;
}

const notFound = () => new DomainError('not-found', 404, 'No lead with this id is visible to this API key.');
const erased = () =>
  new DomainError('lead-erased', 409, "This lead's personal data was erased; it can no longer be changed.");

/**
 * Records a lead, or updates the owner's lead with the same external id. The idempotency claim,
 * the lead and the stored response commit together or not at all.
 */
export async function recordLead(
  db: Kysely<Database>,
  ownerKey: string,
  input: LeadInput,
  idempotency: Idempotency | undefined,
): Promise<RecordedLead> {
  const needs = normalizeLeadInput(input);
  return db.transaction().execute(async (trx) => {
    if (idempotency) {
      const claim = await claimIdempotencyKey(trx, ownerKey, idempotency.key, idempotency.requestHash);
      if (!claim.claimed) {
        if (claim.stored.requestHash !== idempotency.requestHash) {
          throw new DomainError(
            'idempotency-key-reused',
            422,
            'This Idempotency-Key was already used with a different request body.',
          );
        }
        return {
          statusCode: claim.stored.statusCode as 200 | 201,
          lead: claim.stored.body as LeadView,
          replayed: true,
          matchRequestId: null,
        };
      }
    }
    const saved = await saveLead(trx, ownerKey, input.externalId ?? null, needs);
    if (saved.outcome === 'erased') throw erased();
    const [matchRequestId] = await requestMatches(trx, [saved.lead.id], saved.outcome === 'created' ? 'created' : 'updated');
    const recorded: RecordedLead = {
      statusCode: saved.outcome === 'created' ? 201 : 200,
      lead: toLeadView(saved.lead),
      replayed: false,
      matchRequestId: matchRequestId!,
    };
    if (idempotency) {
      await storeIdempotentResponse(trx, ownerKey, idempotency.key, {
        statusCode: recorded.statusCode,
        body: recorded.lead,
        leadId: saved.lead.id,
      });
    }
    return recorded;
  });
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
