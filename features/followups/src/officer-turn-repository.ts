import type { Executor } from '@leadmatch/db';

/** The officer after `last` in round-robin order (by id), from active officer ids sorted by id. */
export function officerAfter(officers: readonly string[], last: string | null): string | undefined {
  return (last && officers.find((id) => id > last)) || officers[0];
}

/** Active officers' ids, in round-robin order (by id), optionally without `exclude`. */
export async function activeOfficerIds(db: Executor, exclude: string | null = null): Promise<string[]> {
  let query = db.selectFrom('staff').select('id').where('active', '=', true).where('role', '=', 'officer');
  if (exclude) query = query.where('id', '<>', exclude);
  return (await query.orderBy('id').execute()).map((row) => row.id);
}

/**
 * The round-robin position, locked for the caller's transaction: it lives in a database row, so it
 * survives restarts and is shared by every worker.
 */
export async function lockOfficerTurn(trx: Executor): Promise<string | null> {
  return (await trx.selectFrom('follow_up_assignment').select('last_officer_id').forUpdate().executeTakeFirstOrThrow()).last_officer_id;
}

export async function saveOfficerTurn(trx: Executor, lastOfficerId: string): Promise<void> {
  await trx.updateTable('follow_up_assignment').set({ last_officer_id: lastOfficerId }).execute();
}

/** The next active officer in round-robin order, skipping `exclude`; undefined when no (other) active officer exists. */
export async function nextOfficer(trx: Executor, exclude: string | null = null): Promise<string | undefined> {
  const last = await lockOfficerTurn(trx);
  const next = officerAfter(await activeOfficerIds(trx, exclude), last);
  if (next) await saveOfficerTurn(trx, next);
  return next;
}
