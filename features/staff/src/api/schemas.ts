import { Type } from 'typebox';
import { Closed, closed, Named, Nullable, StringEnum } from '@leadmatch/domain';

export const STAFF_ROLES = ['officer', 'supervisor'] as const;
export const MAX_STAFF = 1000;

const Uuid = (description?: string) => Type.String({ format: 'uuid', ...(description && { description }) });
const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description && { description }) });

export const StaffParams = Type.Object({ id: Uuid() }, closed);

const StaffName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Personal data: never logged' });
const StaffEmail = Type.String({ format: 'email', maxLength: 254 });

export const StaffInput = Type.Object(
  {
    name: StaffName,
    email: Type.Optional(StaffEmail),
    role: StringEnum(STAFF_ROLES),
    active: Type.Boolean(),
    supervisorId: Type.Optional(Uuid('A staff member with role supervisor')),
  },
  closed,
);

export const StaffPatch = Type.Object(
  {
    name: Type.Optional(StaffName),
    email: Type.Optional(Nullable(StaffEmail)),
    role: Type.Optional(StringEnum(STAFF_ROLES)),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates: no new tasks, no reassignment to them' })),
    supervisorId: Type.Optional(Nullable(Uuid())),
  },
  { ...closed, minProperties: 1 },
);

export const StaffView = Named('Staff', Closed({
  id: Uuid(),
  name: StaffName,
  email: Nullable(StaffEmail),
  role: StringEnum(STAFF_ROLES),
  active: Type.Boolean(),
  supervisorId: Nullable(Uuid()),
  createdAt: DateTime(),
  updatedAt: DateTime(),
}));

export const StaffListQuery = Type.Object(
  { active: Type.Optional(Type.Boolean()), role: Type.Optional(StringEnum(STAFF_ROLES)) },
  closed,
);
