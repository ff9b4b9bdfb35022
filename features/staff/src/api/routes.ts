import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Closed, DomainError, List } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import { countStaffMembers, findStaffMember, listStaffMembers } from '../repository.ts';
import { MAX_STAFF, StaffInput, StaffListQuery, StaffParams as IdParams, StaffPatch, StaffView } from './schemas.ts';
import { addStaffMember, changeStaffMember, staffView } from './service.ts';

/** Staff members, who follow-up tasks are assigned to. Names are personal data: sealed at rest, never logged. */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const { personalData } = app;

  app.post(
    '/v1/staff',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: bilingual('新增工作人员', 'Add a staff member'),
        description: paragraphs(
          `姓名属于个人信息，不写入日志。supervisorId 须为角色为 supervisor 的人员。最多 ${MAX_STAFF} 人，超出时返回 409。仅管理员可用。`,
          `Names are personal data and never logged. supervisorId must be a staff member with role supervisor. ` +
            `At most ${MAX_STAFF} staff members (409 beyond). Admins only.`,
        ),
        security,
        body: StaffInput,
        response: { 201: json(StaffView, '已新增', 'Added'), ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      if ((await countStaffMembers(db)) >= MAX_STAFF) {
        throw new DomainError('too-many-staff', 409, `At most ${MAX_STAFF} staff members; deactivate or reuse one.`);
      }
      const member = await addStaffMember(db, personalData, request.body);
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
        summary: bilingual('工作人员列表（最早在前）', 'List staff members, oldest first'),
        description: paragraphs('可按是否在岗和角色筛选。仅管理员可用。', 'Filter by active and role. Admins only.'),
        security,
        querystring: StaffListQuery,
        response: { 200: json(Closed({ items: List(StaffView, MAX_STAFF) }), '工作人员', 'The staff members'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: (await listStaffMembers(db, personalData, request.query)).map(staffView) }),
  );

  app.get(
    '/v1/staff/:id',
    {
      config: { access: 'staff:manage' },
      schema: {
        tags: ['staff'],
        summary: bilingual('查看工作人员', 'Get a staff member'),
        description: paragraphs('仅管理员可用。', 'Admins only.'),
        security,
        params: IdParams,
        response: { 200: json(StaffView, '工作人员', 'The staff member'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const member = await findStaffMember(db, personalData, request.params.id);
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
        summary: bilingual('修改工作人员', 'Change a staff member'),
        description: paragraphs(
          '`active: false` 表示停用：不再分配新任务，也不能被改派任务。工作人员从不删除。仅管理员可用。',
          '`active: false` deactivates: no new tasks and no reassignment to them. Staff are never deleted. Admins only.',
        ),
        security,
        params: IdParams,
        body: StaffPatch,
        response: { 200: json(StaffView, '修改后的工作人员', 'The updated staff member'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => staffView(await changeStaffMember(db, personalData, request.params.id, request.body)),
  );
};
