import { findStaffMember, listFollowUpTasks, listStaffMembers, type FollowUpCursor } from '@leadmatch/db';
import { Closed, DomainError, List } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../leads/schemas.ts';
import {
  IdParams,
  MAX_STAFF,
  ManualTaskInput,
  SnoozeInput,
  StaffInput,
  StaffListQuery,
  StaffPatch,
  StaffView,
  TaskDetail,
  TaskListQuery,
  TaskPage,
  TaskPatch,
  TransitionInput,
} from './schemas.ts';
import {
  addStaffMember,
  changeStaffMember,
  createManualTask,
  getTask,
  patchTask,
  snoozeTask,
  staffView,
  taskDetail,
  taskView,
  transitionTask,
} from './service.ts';

const security = [{ bearerAuth: [] }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor: base64url of the last task's due time and id. */
function encodeCursor(cursor: FollowUpCursor): string {
  return Buffer.from(JSON.stringify([cursor.dueAt.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(text: string): FollowUpCursor {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(dueAt);
    if (typeof id === 'string' && UUID.test(id) && !Number.isNaN(date.getTime())) return { dueAt: date, id };
  } catch {
    /* falls through to the problem below */
  }
  throw new DomainError('validation-failed', 400, 'The cursor is not one this API issued.', [
    { pointer: '/cursor', location: 'querystring', message: 'must be a nextCursor value from a previous page' },
  ]);
}

/** Staff members and follow-up tasks. Staff names are personal data: nothing here logs them. */
export const followupsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const effects = { queue: app.jobs, log: app.log };

  // ------------------------------------------------------------ staff

  app.post(
    '/v1/staff',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: 'Add a staff member',
        security,
        body: StaffInput,
        response: { 201: StaffView, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      if ((await listStaffMembers(db, {})).length >= MAX_STAFF) {
        throw new DomainError('too-many-staff', 409, `At most ${MAX_STAFF} staff members; deactivate or reuse one.`);
      }
      const member = await addStaffMember(db, request.body);
      reply.code(201).header('location', `/v1/staff/${member.id}`);
      return staffView(member);
    },
  );

  app.get(
    '/v1/staff',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: 'List staff members, oldest first',
        security,
        querystring: StaffListQuery,
        response: { 200: Closed({ items: List(StaffView, MAX_STAFF) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: (await listStaffMembers(db, request.query)).map(staffView) }),
  );

  app.get(
    '/v1/staff/:id',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: 'Get a staff member',
        security,
        params: IdParams,
        response: { 200: StaffView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const member = await findStaffMember(db, request.params.id);
      if (!member) throw new DomainError('not-found', 404, 'No such staff member.');
      return staffView(member);
    },
  );

  app.patch(
    '/v1/staff/:id',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: 'Change a staff member; `active: false` deactivates (staff are never deleted)',
        security,
        params: IdParams,
        body: StaffPatch,
        response: { 200: StaffView, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => staffView(await changeStaffMember(db, request.params.id, request.body)),
  );

  // ------------------------------------------------------------ follow-up tasks

  app.get(
    '/v1/follow-ups',
    {
      config: { access: 'followups:read' },
      schema: {
        tags: ['follow-ups'],
        summary: 'List follow-up tasks, soonest due first',
        description: 'Cursor pagination: pass nextCursor back as cursor until it is null.',
        security,
        querystring: TaskListQuery,
        response: { 200: TaskPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      const now = new Date();
      const page = await listFollowUpTasks(db, { ...filter, now, after: cursor === undefined ? undefined : decodeCursor(cursor) });
      return { items: page.tasks.map((task) => taskView(task, now)), nextCursor: page.next && encodeCursor(page.next) };
    },
  );

  app.get(
    '/v1/follow-ups/:id',
    {
      config: { access: 'followups:read' },
      schema: {
        tags: ['follow-ups'],
        summary: 'A follow-up task with its history',
        security,
        params: IdParams,
        response: { 200: TaskDetail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => taskDetail(db, await getTask(db, request.params.id), new Date()),
  );

  app.post(
    '/v1/leads/:id/follow-ups',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: 'Add a follow-up task to a lead by hand',
        description: 'Without assigneeId the task goes to the next active officer in turn (unassigned when there is none).',
        security,
        params: IdParams,
        body: ManualTaskInput,
        response: { 201: TaskDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const task = await createManualTask(db, effects, request.principal.keyId, request.params.id, request.body);
      reply.code(201).header('location', `/v1/follow-ups/${task.id}`);
      return taskDetail(db, task, new Date());
    },
  );

  const transition = (to: 'done' | 'cancelled', path: string, summary: string) =>
    app.post(
      `/v1/follow-ups/:id/${path}`,
      {
        config: { access: 'followups:work' },
        // The body is optional: no body is an empty one.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          tags: ['follow-ups'],
          summary,
          description: 'Only an open task (409 otherwise). Its pending reminders are dropped. The body is optional.',
          security,
          params: IdParams,
          body: TransitionInput,
          response: { 200: TaskDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (request) => {
        const task = await transitionTask(db, effects, request.principal.keyId, request.params.id, to, request.body.note);
        return taskDetail(db, task, new Date());
      },
    );
  transition('done', 'complete', 'Complete a follow-up task');
  transition('cancelled', 'cancel', 'Cancel a follow-up task');

  app.post(
    '/v1/follow-ups/:id/snooze',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: 'Snooze an open task until a later time',
        description: 'Moves the due time; reminders start again from the new time.',
        security,
        params: IdParams,
        body: SnoozeInput,
        response: { 200: TaskDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const now = new Date();
      const task = await snoozeTask(db, effects, request.principal.keyId, request.params.id, request.body.until, request.body.note, now);
      return taskDetail(db, task, now);
    },
  );

  app.patch(
    '/v1/follow-ups/:id',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: 'Reassign or reschedule an open task',
        security,
        params: IdParams,
        body: TaskPatch,
        response: { 200: TaskDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const task = await patchTask(db, effects, request.principal.keyId, request.params.id, request.body);
      return taskDetail(db, task, new Date());
    },
  );
};
