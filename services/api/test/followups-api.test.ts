import { sql } from 'kysely';
import t from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const { db } = database;
await seedCatalog(db);
const admin = auth(KEYS.admin);
const staff = auth(KEYS.staff);
const crm = auth(KEYS.crm);

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
  app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const reminderOf = (taskId: string) =>
  db.selectFrom('follow_up_tasks').select(['escalation_step', 'next_reminder_at']).where('id', '=', taskId).executeTakeFirstOrThrow();

const supervisor = (await inject('POST', '/v1/staff', admin, { name: '主管甲', role: 'supervisor', active: true })).json();
const officer = (await inject('POST', '/v1/staff', admin, { name: '专员乙', email: 'Yi@Example.com', role: 'officer', active: true, supervisorId: supervisor.id })).json();
const lead = (await post(app, validLead())).json();

t.test('staff: admin manages them; others may not', async (t) => {
  t.match(officer, { id: String, name: '专员乙', email: 'yi@example.com', role: 'officer', active: true, supervisorId: supervisor.id });
  t.equal((await inject('POST', '/v1/staff', staff, { name: 'x', role: 'officer', active: true })).statusCode, 403);
  t.equal((await inject('GET', '/v1/staff', crm)).statusCode, 403);
  const bad = await inject('POST', '/v1/staff', admin, { name: '', role: 'boss', active: 'yes', extra: 1 });
  t.equal(bad.statusCode, 422);
  t.same(problemOf(bad).errors!.map((e) => e.pointer).sort(), ['/active', '/extra', '/name', '/role']);
  const notSupervisor = await inject('POST', '/v1/staff', admin, { name: '丙', role: 'officer', active: true, supervisorId: officer.id });
  t.equal(notSupervisor.statusCode, 422);
  t.match(problemOf(notSupervisor).errors, [{ pointer: '/supervisorId', location: 'body' }]);
  t.equal((await db.selectFrom('staff').select('id').execute()).length, 2, 'invalid input writes nothing');

  const list = await inject('GET', '/v1/staff?role=officer&active=true', admin);
  t.same(list.json().items.map((m: { id: string }) => m.id), [officer.id]);
  const temp = (await inject('POST', '/v1/staff', admin, { name: '临时', role: 'officer', active: true })).json();
  const off = await inject('PATCH', `/v1/staff/${temp.id}`, admin, { active: false });
  t.match(off.json(), { id: temp.id, active: false });
  t.equal((await inject('PATCH', `/v1/staff/${crypto.randomUUID()}`, admin, { active: false })).statusCode, 404);
  t.equal((await inject('GET', `/v1/staff/${temp.id}`, admin)).json().active, false);
  t.equal((await inject('PATCH', `/v1/staff/${temp.id}`, admin, {})).statusCode, 422, 'an empty patch');
});

t.test('manual tasks: created, validated, roles', async (t) => {
  const created = await inject('POST', `/v1/leads/${lead.id}/follow-ups`, staff, { kind: 'manual', dueAt: inHours(2), note: '带去园区看厂房' });
  t.equal(created.statusCode, 201, created.body);
  const task = created.json();
  t.match(task, { leadId: lead.id, kind: 'manual', status: 'open', assigneeId: officer.id, overdue: false, history: [{ action: 'created', actor: String }] });
  t.equal(created.headers.location, `/v1/follow-ups/${task.id}`);
  const events = await db.selectFrom('lead_events').select('data').where('type', '=', 'followup.created').execute();
  t.match(events, [{ data: { taskId: task.id, kind: 'manual', assigneeId: officer.id } }]);

  t.equal((await inject('POST', `/v1/leads/${lead.id}/follow-ups`, crm, { kind: 'manual', dueAt: inHours(2) })).statusCode, 403, 'crm may not');
  t.equal((await inject('POST', `/v1/leads/${lead.id}/follow-ups`, admin, { kind: 'site_visit', dueAt: inHours(3), parkId: 'no-such-park' })).statusCode, 422, 'an unknown park');
  const bad = await inject('POST', `/v1/leads/${lead.id}/follow-ups`, admin, { kind: 'party', dueAt: 'tomorrow', assigneeId: 'x' });
  t.equal(bad.statusCode, 422);
  t.same(problemOf(bad).errors!.map((e) => e.pointer).sort(), ['/assigneeId', '/dueAt', '/kind']);
  const unknownOfficer = await inject('POST', `/v1/leads/${lead.id}/follow-ups`, admin, { kind: 'manual', dueAt: inHours(1), assigneeId: crypto.randomUUID() });
  t.equal(unknownOfficer.statusCode, 422);
  t.match(problemOf(unknownOfficer).errors, [{ pointer: '/assigneeId' }]);
  t.equal((await inject('POST', `/v1/leads/${crypto.randomUUID()}/follow-ups`, admin, { kind: 'manual', dueAt: inHours(1) })).statusCode, 404);
  t.equal((await db.selectFrom('follow_up_tasks').select('id').execute()).length, 1, 'invalid input writes nothing');
});

t.test('complete, cancel, snooze, patch; 409 on a closed task', async (t) => {
  const make = async () => (await inject('POST', `/v1/leads/${lead.id}/follow-ups`, admin, { kind: 'call_back', dueAt: inHours(1) })).json();
  const a = await make();
  const done = await inject('POST', `/v1/follow-ups/${a.id}/complete`, staff, { note: '已电话沟通' });
  t.match(done.json(), { status: 'done', history: [{ action: 'created' }, { action: 'completed', note: '已电话沟通' }] });
  t.equal((await inject('POST', `/v1/follow-ups/${a.id}/cancel`, staff)).statusCode, 409);
  t.equal((await db.selectFrom('lead_events').select('id').where('type', '=', 'followup.completed').execute()).length, 1);
  t.same(await reminderOf(a.id), { escalation_step: -1, next_reminder_at: null }, 'a completed task has no reminder left');

  const b = await make();
  t.equal((await inject('POST', `/v1/follow-ups/${b.id}/cancel`, staff)).json().status, 'cancelled');
  const again = await inject('POST', `/v1/follow-ups/${b.id}/complete`, staff, {});
  t.equal(again.statusCode, 409, 'completing a cancelled task');
  t.equal(problemOf(again).type, '/problems/conflict');

  const c = await make();
  const past = await inject('POST', `/v1/follow-ups/${c.id}/snooze`, staff, { until: inHours(-1) });
  t.equal(past.statusCode, 422);
  t.match(problemOf(past).errors, [{ pointer: '/until' }]);
  t.same(await reminderOf(c.id), { escalation_step: -1, next_reminder_at: new Date(c.dueAt) }, 'its first reminder is due at its due time');
  await db.updateTable('follow_up_tasks').set({ escalation_step: 0, next_reminder_at: new Date() }).where('id', '=', c.id).execute();
  const until = inHours(48);
  const snoozed = await inject('POST', `/v1/follow-ups/${c.id}/snooze`, staff, { until });
  t.match(snoozed.json(), { dueAt: until, history: [{ action: 'created' }, { action: 'snoozed', data: { dueAt: until } }] });
  t.same(await reminderOf(c.id), { escalation_step: -1, next_reminder_at: new Date(until) }, 'snoozing starts the reminders again from the new due time');

  const other = (await inject('POST', '/v1/staff', admin, { name: '专员丁', role: 'officer', active: true })).json();
  const patched = await inject('PATCH', `/v1/follow-ups/${c.id}`, staff, { assigneeId: other.id, dueAt: inHours(5) });
  t.equal(patched.statusCode, 200, patched.body);
  t.match(patched.json(), { assigneeId: other.id });
  t.match(patched.json().history.slice(2), [{ action: 'reassigned', data: { to: other.id } }, { action: 'rescheduled' }]);
  t.same(await reminderOf(c.id), { escalation_step: -1, next_reminder_at: new Date(patched.json().dueAt) }, 'and so does rescheduling');
  t.equal((await inject('PATCH', `/v1/follow-ups/${c.id}`, staff, { bogus: 1 })).statusCode, 422);
  t.equal((await inject('PATCH', `/v1/follow-ups/${a.id}`, staff, { dueAt: inHours(5) })).statusCode, 409);
  t.equal((await inject('POST', `/v1/follow-ups/${crypto.randomUUID()}/complete`, staff)).statusCode, 404);
  t.equal((await inject('GET', `/v1/follow-ups/not-a-uuid`, staff)).statusCode, 400);
});

t.test('listing: filters, overdue, cursor pagination, roles', async (t) => {
  const due = [-3, -2, 4, 6, 8];
  for (const hours of due) await inject('POST', `/v1/leads/${lead.id}/follow-ups`, admin, { kind: 'review', dueAt: inHours(hours), assigneeId: officer.id });
  const overdue = (await inject('GET', '/v1/follow-ups?overdue=true', staff)).json().items;
  t.equal(overdue.length, 2);
  t.ok(overdue.every((task: { overdue: boolean; status: string }) => task.overdue && task.status === 'open'));
  const notOverdue = (await inject('GET', '/v1/follow-ups?overdue=false&status=open', staff)).json().items;
  t.ok(notOverdue.every((task: { overdue: boolean }) => !task.overdue));

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; dueAt: string }[]; nextCursor: string | null } = (
      await inject('GET', `/v1/follow-ups?leadId=${lead.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, staff)
    ).json();
    t.ok(page.items.length <= 2);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  const all = await db.selectFrom('follow_up_tasks').select('id').where('lead_id', '=', lead.id).execute();
  t.equal(seen.length, all.length, 'every task once across pages');
  t.equal(new Set(seen).size, seen.length);

  const mine = (await inject('GET', `/v1/follow-ups?assigneeId=${officer.id}&status=open`, admin)).json().items;
  t.ok(mine.length >= 5 && mine.every((task: { assigneeId: string }) => task.assigneeId === officer.id));
  t.equal((await inject('GET', '/v1/follow-ups?cursor=garbage', staff)).statusCode, 400);
  t.equal((await inject('GET', '/v1/follow-ups?overdue=maybe', staff)).statusCode, 400);
  t.equal((await inject('GET', '/v1/follow-ups', crm)).statusCode, 403, 'crm may not read follow-ups');
  t.equal((await inject('GET', '/v1/follow-ups', admin)).statusCode, 200);
  const one = await inject('GET', `/v1/follow-ups/${seen[0]}`, staff);
  t.match(one.json(), { id: seen[0], history: [{ action: 'created' }] });
  t.equal((await inject('GET', `/v1/follow-ups/${crypto.randomUUID()}`, staff)).statusCode, 404);
});

t.test('staff names and e-mails, and the notes staff type, are sealed at rest; the service’s own notes stay plain', async (t) => {
  const staffRows = await sql<{ row: string }>`select row_to_json(s)::text as row from staff s`.execute(db);
  t.notOk(staffRows.rows.some((row) => /主管甲|专员乙|yi@example/.test(row.row)), 'no staff name or e-mail in any staff row');
  t.match((await inject('GET', `/v1/staff/${officer.id}`, admin)).json(), { name: '专员乙', email: 'yi@example.com' });
  const renamed = await inject('PATCH', `/v1/staff/${officer.id}`, admin, { name: '专员乙二' });
  t.match(renamed.json(), { name: '专员乙二', email: 'yi@example.com' }, 'a rename keeps the sealed e-mail');
  await inject('PATCH', `/v1/staff/${officer.id}`, admin, { name: '专员乙' });

  const task = (await inject('POST', `/v1/leads/${lead.id}/follow-ups`, staff, { kind: 'manual', dueAt: inHours(5), note: '客户手机 13600002222' })).json();
  const done = (await inject('POST', `/v1/follow-ups/${task.id}/complete`, staff, { note: '已打 13600003333' })).json();
  t.match(done, { note: '客户手机 13600002222', history: [{ action: 'created' }, { action: 'completed', note: '已打 13600003333' }] });
  const rows = await sql<{ row: string }>`
    select row_to_json(x)::text as row from (
      select note, note_sealed from follow_up_tasks where id = ${task.id}
      union all select note, note_sealed from follow_up_history where task_id = ${task.id}) x`.execute(db);
  t.notOk(rows.rows.some((row) => row.row.includes('136000')), 'neither note in plain text');
});
