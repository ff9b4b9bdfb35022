import { sql, type Selectable } from 'kysely';
import type { Executor } from '@leadmatch/db';
import { openNullable, sealNullable, type PersonalData } from '@leadmatch/db';
import type { StaffRole, StaffTable } from './tables.ts';

/** Who a staff member is to the rules: enough to check a supervisor or an assignee, without personal data. */
export interface StaffRef {
  id: string;
  role: StaffRole;
  active: boolean;
  supervisorId: string | null;
}

export interface StaffMember extends StaffRef {
  /** Personal data: sealed at rest, never logged. */
  name: string;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type StaffRow = Selectable<StaffTable>;

function toStaff(row: StaffRow, personalData: PersonalData): StaffMember {
  return {
    id: row.id,
    name: openNullable(personalData, 'staff_name', row.name_sealed, row.name) ?? '',
    email: openNullable(personalData, 'staff_email', row.email_sealed, row.email),
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

/** Name and e-mail as stored: sealed, and no plaintext left from before sealing. */
function sealedIdentity(personalData: PersonalData, changes: Partial<Pick<NewStaffMember, 'name' | 'email'>>) {
  return {
    ...(changes.name !== undefined && { name: null, name_sealed: personalData.seal('staff_name', changes.name) }),
    ...(changes.email !== undefined && { email: null, email_sealed: sealNullable(personalData, 'staff_email', changes.email) }),
  };
}

export async function createStaffMember(db: Executor, personalData: PersonalData, member: NewStaffMember): Promise<StaffMember> {
  const row = await db
    .insertInto('staff')
    .values({ ...sealedIdentity(personalData, member), role: member.role, active: member.active, supervisor_id: member.supervisorId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStaff(row, personalData);
}

export async function findStaffMember(db: Executor, personalData: PersonalData, id: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaff(row, personalData);
}

export async function findStaffRef(db: Executor, id: string): Promise<StaffRef | undefined> {
  const row = await db.selectFrom('staff').select(['id', 'role', 'active', 'supervisor_id']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, role: row.role, active: row.active, supervisorId: row.supervisor_id };
}

/** Staff in a stable order (creation, then id); filters optional. */
export async function listStaffMembers(
  db: Executor,
  personalData: PersonalData,
  filter: { active?: boolean | undefined; role?: StaffRole | undefined } = {},
): Promise<StaffMember[]> {
  let query = db.selectFrom('staff').selectAll();
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  return (await query.orderBy('created_at').orderBy('id').limit(1000).execute()).map((row) => toStaff(row, personalData));
}

export async function countStaffMembers(db: Executor): Promise<number> {
  const { count } = await db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

export async function updateStaffMember(
  db: Executor,
  personalData: PersonalData,
  id: string,
  changes: Partial<NewStaffMember>,
): Promise<StaffMember | undefined> {
  const row = await db
    .updateTable('staff')
    .set({
      ...sealedIdentity(personalData, changes),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.active !== undefined && { active: changes.active }),
      ...(changes.supervisorId !== undefined && { supervisor_id: changes.supervisorId }),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toStaff(row, personalData);
}

/** The names of these staff members by id, opened with the key (ids of no one are absent); one query. */
export async function staffNames(db: Executor, personalData: PersonalData, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'name', 'name_sealed']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, openNullable(personalData, 'staff_name', row.name_sealed, row.name) ?? '']));
}
