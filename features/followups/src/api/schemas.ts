import { Type } from 'typebox';
import { Closed, closed, List, Named, Nullable, StringEnum } from '@leadmatch/domain';

export const TASK_KINDS = ['call_back', 'send_brochure', 'site_visit', 'review', 'manual'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const PRIORITIES = ['hot', 'warm', 'cold'] as const;
export const MAX_HISTORY = 1000;

const Uuid = (description?: string) => Type.String({ format: 'uuid', ...(description && { description }) });
const DateTime = (description?: string) => Type.String({ format: 'date-time', ...(description && { description }) });

export const IdParams = Type.Object({ id: Uuid() }, closed);

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
