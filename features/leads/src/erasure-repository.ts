import { sql, type Kysely } from 'kysely';
import type { Database, Executor } from '@leadmatch/db';
import type { LeadRecord } from '@leadmatch/domain';
import { recordLeadEvents } from './events-repository.ts';
import { toLeadRecord, type LeadScope } from './repository.ts';
import type { LeadRowUpdate } from './tables.ts';

/** What erasing a lead empties: the contact (sealed, hashed or still plain) and the free text. */
export const ERASED_COLUMNS = {
  contact_name: null,
  contact_phone: null,
  contact_email: null,
  contact_name_sealed: null,
  contact_phone_sealed: null,
  contact_email_sealed: null,
  contact_phone_hash: null,
  notes: null,
  notes_sealed: null,
  close_note: null,
  close_note_sealed: null,
  status: 'erased',
} as const satisfies LeadRowUpdate;

/** Removes the personal data and free text, keeping an anonymous record of the need. */
export async function eraseLead(db: Executor, id: string, scope: LeadScope): Promise<LeadRecord | undefined> {
  let query = db
    .updateTable('leads')
    .set({ ...ERASED_COLUMNS, erased_at: sql`coalesce(erased_at, now())`, updated_at: sql`now()` })
    .where('id', '=', id);
  if (scope.ownerKey !== null) query = query.where('owner_key', '=', scope.ownerKey);
  const row = await query.returningAll().executeTakeFirst();
  return row && toLeadRecord(row);
}

/**
 * Erases the personal data of up to `limit` leads closed more than `retentionDays` ago, as DELETE
 * /v1/leads/:id does (with their stored responses), and records a `lead.personal_data_erased`
 * event for each (ids and dates only). Leads another transaction holds are left to the next run.
 */
export async function eraseLeadsClosedLongerThan(db: Kysely<Database>, retentionDays: number, limit: number): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const due = trx
      .selectFrom('leads')
      .select('id')
      .where('erased_at', 'is', null)
      .where('closed_at', '<', sql<Date>`now() - ${retentionDays}::integer * interval '1 day'`)
      .orderBy('closed_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const erased = await trx
      .updateTable('leads')
      .set({ ...ERASED_COLUMNS, erased_at: sql`now()`, updated_at: sql`now()` })
      .where('id', 'in', due)
      .returning(['id', 'closed_at', 'outcome'])
      .execute();
    if (erased.length === 0) return [];
    const ids = erased.map((row) => row.id);
    await trx.deleteFrom('idempotency_keys').where('lead_id', 'in', ids).execute();
    await recordLeadEvents(
      trx,
      erased.map((row) => ({
        leadId: row.id,
        type: 'lead.personal_data_erased',
        data: { reason: 'retention', retentionDays, closedAt: row.closed_at, outcome: row.outcome },
      })),
    );
    return ids;
  });
}
