import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { StaffRole } from '../schema-followups.ts';

export interface StaffMember {
  id: string;
  /** Personal data: never log it. */
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function toStaff(row: {
  id: string;
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisor_id: string | null;
  created_at: Date;
  updated_at: Date;
}): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    supervisorId: row.supervisor_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewStaffMember {
  name: string;
  email: string | null;
  role: StaffRole;
  active: boolean;
  supervisorId: string | null;
}

export async function createStaffMember(db: Executor, member: NewStaffMember): Promise<StaffMember> {
  const row = await db
    .insertInto('staff')
    .values({ name: member.name, email: member.email, role: member.role, active: member.active, supervisor_id: member.supervisorId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaff(row);
}

export async function findStaffMember(db: Executor, id: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

/** Staff in a stable order (creation, then id); filters optional. */
export async function listStaffMembers(db: Executor, filter: { active?: boolean | undefined; role?: StaffRole | undefined } = {}): Promise<StaffMember[]> {
  let query = db.selectFrom('staff').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  return (await query.orderBy('created_at').orderBy('id').limit(1000).execute()).map(toStaff);
}

export async function updateStaffMember(db: Executor, id: string, changes: Partial<NewStaffMember>): Promise<StaffMember | undefined> {
  const row = await db
    .updateTable('staff')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.active !== undefined && { active: changes.active }),
      ...(changes.supervisorId !== undefined && { supervisor_id: changes.supervisorId }),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toStaff(row);
}

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
