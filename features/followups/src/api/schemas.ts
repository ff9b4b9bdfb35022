import { Closed, List, Named, Nullable, StringEnum } from '@leadmatch/domain';
import { Type } from 'typebox';

const closed = { additionalProperties: false } as const;

export const STAFF_ROLES = ['officer', 'supervisor'] as const;
export const TASK_KINDS = ['call_back', 'send_brochure', 'site_visit', 'review', 'manual'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const PRIORITIES = ['hot', 'warm', 'cold'] as const;
export const MAX_STAFF = 1000;
export const MAX_HISTORY = 1000;

const Uuid = (description?: string) => Type.String({ format: 'uuid', ...(description && { description }) });
const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description && { description }) });

export const IdParams = Type.Object({ id: Uuid() }, closed);

// ---------------------------------------------------------------- staff

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

// ---------------------------------------------------------------- tasks

const Note = Type.String({ minLength: 1, maxLength: 2000 });

const taskViewFields = {
  id: Uuid(),
  leadId: Uuid(),
  runId: Nullable(Uuid('The match run whose rules created it; null when staff did')),
  kind: StringEnum(TASK_KINDS),
  parkId: Nullable(Type.String({ maxLength: 100 })),
  status: StringEnum(TASK_STATUSES),
  priority: Nullable(StringEnum(PRIORITIES)),
  priorityReason: Nullable(Type.String({ maxLength: 500, description: 'Why the lead has its priority' })),
  dueAt: DateTime(),
  overdue: Type.Boolean({ description: 'open and past its due time' }),
  assigneeId: Nullable(Uuid('null: unassigned (no active officer when it was created)')),
  note: Nullable(Type.String({ maxLength: 2000 })),
  createdAt: DateTime(),
  updatedAt: DateTime(),
};

export const TaskView = Named('Task', Closed(taskViewFields));

export const HistoryEntry = Named('TaskHistoryEntry', Closed({
  at: DateTime(),
  action: Type.String({
    maxLength: 40,
    description: 'created, updated, rescheduled, snoozed, reassigned, completed, cancelled, reminded, escalated, note',
  }),
  actor: Type.String({ maxLength: 100, description: 'an API key id, `rules` or `reminders`' }),
  note: Nullable(Type.String({ maxLength: 2000 })),
  data: Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]), {
    maxProperties: 20,
    description: 'What changed: ids, times, steps',
  }),
}));

export const TaskDetail = Named('TaskDetail', Closed({
  ...taskViewFields,
  history: List(HistoryEntry, MAX_HISTORY, { description: `The latest ${MAX_HISTORY} entries, oldest first` }),
}));

export const TaskListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(TASK_STATUSES)),
    assigneeId: Type.Optional(Uuid()),
    leadId: Type.Optional(Uuid()),
    overdue: Type.Optional(Type.Boolean({ description: 'true: open and past due; false: the others' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  closed,
);

export const TaskPage = Named('TaskPage', Closed({
  items: List(TaskView, 200),
  nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'null on the last page' }),
}));

export const ManualTaskInput = Type.Object(
  {
    kind: StringEnum(TASK_KINDS),
    dueAt: DateTime(),
    assigneeId: Type.Optional(Uuid('An active staff member; round-robin over active officers when absent')),
    parkId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    note: Type.Optional(Note),
  },
  closed,
);

export const TransitionInput = Type.Object({ note: Type.Optional(Note) }, closed);

export const SnoozeInput = Type.Object({ until: DateTime('A time in the future'), note: Type.Optional(Note) }, closed);

export const TaskPatch = Type.Object(
  {
    assigneeId: Type.Optional(Nullable(Uuid('An active staff member; null unassigns'))),
    dueAt: Type.Optional(DateTime()),
  },
  { ...closed, minProperties: 1 },
);
