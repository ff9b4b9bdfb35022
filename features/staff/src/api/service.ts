import type { Kysely } from 'kysely';
import type { Database, Executor, PersonalData } from '@leadmatch/db';
import { DomainError, type FieldError } from '@leadmatch/domain';
import { createStaffMember, findStaffRef, updateStaffMember, type NewStaffMember, type StaffMember } from '../repository.ts';
import type { StaffRole } from '../tables.ts';

export function staffView(member: StaffMember) {
  return { ...member, createdAt: member.createdAt.toISOString(), updatedAt: member.updatedAt.toISOString() };
}

function invalid(location: string, pointer: string, message: string): DomainError {
  const status = location === 'body' ? 422 : 400;
  return new DomainError('validation-failed', status, `The ${location} has 1 invalid field(s).`, [{ pointer, location, message } satisfies FieldError]);
}

const notFound = (what: string) => new DomainError('not-found', 404, `No such ${what}.`);

async function checkSupervisor(db: Executor, supervisorId: string | null | undefined, selfId?: string) {
  if (!supervisorId) return;
  const supervisor = await findStaffRef(db, supervisorId);
  if (!supervisor || supervisor.role !== 'supervisor' || supervisor.id === selfId) {
    throw invalid('body', '/supervisorId', 'must be the id of another staff member with role supervisor');
  }
}

export async function addStaffMember(
  db: Kysely<Database>,
  personalData: PersonalData,
  input: { name: string; email?: string; role: StaffRole; active: boolean; supervisorId?: string },
) {
  return db.transaction().execute(async (trx) => {
    await checkSupervisor(trx, input.supervisorId);
    return createStaffMember(trx, personalData, {
      name: input.name.trim(),
      email: input.email?.toLowerCase() ?? null,
      role: input.role,
      active: input.active,
      supervisorId: input.supervisorId ?? null,
    });
  });
}

export async function changeStaffMember(db: Kysely<Database>, personalData: PersonalData, id: string, patch: Partial<NewStaffMember>) {
  return db.transaction().execute(async (trx) => {
    if (!(await findStaffRef(trx, id))) throw notFound('staff member');
    await checkSupervisor(trx, patch.supervisorId, id);
    const changes: Partial<NewStaffMember> = { ...patch };
    if (typeof changes.name === 'string') changes.name = changes.name.trim();
    if (typeof changes.email === 'string') changes.email = changes.email.toLowerCase();
    return (await updateStaffMember(trx, personalData, id, changes))!;
  });
}
