import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  bearerAuth as security,
  bilingual,
  decodeCursor,
  encodeCursor,
  json,
  type PagePosition,
  paragraphs,
  problemResponses,
} from '@leadmatch/http';
import { listFollowUpTasks, type FollowUpCursor } from '../repository.ts';
import {
  IdParams,
  ManualTaskInput,
  SnoozeInput,
  TaskDetail,
  TaskListQuery,
  TaskPage,
  TaskPatch,
  TransitionInput,
} from './schemas.ts';
import {
  createManualTask,
  getTask,
  patchTask,
  snoozeTask,
  taskDetail,
  taskView,
  transitionTask,
} from './service.ts';

const taskCursor = ({ at, id }: PagePosition): FollowUpCursor => ({ dueAt: at, id });

/** Follow-up tasks: listing, detail, manual tasks, completing, cancelling, snoozing, reassigning. */
export const followupsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const { personalData } = app;

  app.get(
    '/v1/follow-ups',
    {
      config: { access: 'followups:read' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('跟进任务列表（最先到期在前）', 'List follow-up tasks, soonest due first'),
        description: paragraphs(
          '可按状态、负责人、线索和是否逾期筛选。游标分页：把 nextCursor 作为 cursor 传回，直到它为 null。',
          'Filter by status, assignee, lead and overdue. Cursor pagination: pass nextCursor back as cursor until it is null.',
        ),
        security,
        querystring: TaskListQuery,
        response: { 200: json(TaskPage, '一页跟进任务', 'A page of tasks'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { cursor, ...filter } = request.query;
      const now = new Date();
      const page = await listFollowUpTasks(db, { ...filter, now, after: cursor === undefined ? undefined : taskCursor(decodeCursor(cursor)) });
      return { items: page.tasks.map((task) => taskView(task, now, personalData)), nextCursor: page.next && encodeCursor({ at: page.next.dueAt, id: page.next.id }) };
    },
  );

  app.get(
    '/v1/follow-ups/:id',
    {
      config: { access: 'followups:read' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('查看跟进任务及其历史', 'A follow-up task with its history'),
        description: paragraphs(
          '历史记录包括创建、改派、改期、暂缓、提醒、升级和完成等操作，按时间先后排列。',
          'The history lists creation, reassignment, rescheduling, snoozes, reminders, escalations and completion, oldest first.',
        ),
        security,
        params: IdParams,
        response: { 200: json(TaskDetail, '跟进任务', 'The task'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => taskDetail(db, await getTask(db, request.params.id), new Date(), personalData),
  );

  app.post(
    '/v1/leads/:id/follow-ups',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('为线索手动添加跟进任务', 'Add a follow-up task to a lead by hand'),
        description: paragraphs(
          '不指定 assigneeId 时，任务轮流分配给下一位在岗的招商专员（没有在岗专员时暂不分配）。线索的个人信息已删除时返回 409。',
          'Without assigneeId the task goes to the next active officer in turn (unassigned when there is none). ' +
            "409 when the lead's personal data was erased.",
        ),
        security,
        params: IdParams,
        body: ManualTaskInput,
        response: { 201: json(TaskDetail, '已创建', 'Created'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const task = await createManualTask(db, personalData, request.principal.keyId, request.params.id, request.body);
      reply.code(201).header('location', `/v1/follow-ups/${task.id}`);
      return taskDetail(db, task, new Date(), personalData);
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
          description: paragraphs(
            '只能操作未结束的任务（否则返回 409），其待发送的提醒随之取消。请求体可省略。',
            'Only an open task (409 otherwise). Its pending reminders are dropped. The body is optional.',
          ),
          security,
          params: IdParams,
          body: TransitionInput,
          response: { 200: json(TaskDetail, '更新后的任务', 'The updated task'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
        },
      },
      async (request) => {
        const task = await transitionTask(db, personalData, request.principal.keyId, request.params.id, to, request.body.note);
        return taskDetail(db, task, new Date(), personalData);
      },
    );
  transition('done', 'complete', bilingual('完成跟进任务', 'Complete a follow-up task'));
  transition('cancelled', 'cancel', bilingual('取消跟进任务', 'Cancel a follow-up task'));

  app.post(
    '/v1/follow-ups/:id/snooze',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('暂缓未结束的任务', 'Snooze an open task until a later time'),
        description: paragraphs(
          '把到期时间推迟到 until（须为将来的时间），提醒从新的时间重新开始。任务已结束时返回 409。',
          'Moves the due time to until (a time in the future); reminders start again from the new time. 409 when the task is not open.',
        ),
        security,
        params: IdParams,
        body: SnoozeInput,
        response: { 200: json(TaskDetail, '暂缓后的任务', 'The snoozed task'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const now = new Date();
      const task = await snoozeTask(db, personalData, request.principal.keyId, request.params.id, request.body.until, request.body.note, now);
      return taskDetail(db, task, now, personalData);
    },
  );

  app.patch(
    '/v1/follow-ups/:id',
    {
      config: { access: 'followups:work' },
      schema: {
        tags: ['follow-ups'],
        summary: bilingual('改派或改期未结束的任务', 'Reassign or reschedule an open task'),
        description: paragraphs(
          'assigneeId 须为在岗人员，null 表示取消分配；修改 dueAt 后提醒按新时间重新安排。任务已结束时返回 409。',
          'assigneeId must be an active staff member, null unassigns; a new dueAt reschedules the reminders. 409 when the task is not open.',
        ),
        security,
        params: IdParams,
        body: TaskPatch,
        response: { 200: json(TaskDetail, '更新后的任务', 'The updated task'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const task = await patchTask(db, request.principal.keyId, request.params.id, request.body);
      return taskDetail(db, task, new Date(), personalData);
    },
  );
};
