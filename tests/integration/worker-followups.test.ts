import t, { type Test } from 'tap';
import { auth, buildTestApp, KEYS, post, validLead } from '@leadmatch/api/testing';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { followUpHistory, followUpReminder, followUpReminderJobId, followUpRunListener, runReminderStep } from '@leadmatch/followups';
import type { FollowUpConfig } from '@leadmatch/followups';
import { bossJobId, openJobQueue, PostgresJobWorker, storedJobs } from '@leadmatch/jobs';
import { runMatchRequest } from '@leadmatch/matching';
import { createStaffMember, updateStaffMember } from '@leadmatch/staff';
import { eventually } from '@leadmatch/testing';
import { buildHandlers } from '@leadmatch/worker';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const warnings: unknown[] = [];
const log = { info: () => {}, warn: (...args: unknown[]) => void warnings.push(args), error: () => {} };
const { app, database } = await buildTestApp(t);
const { db } = database;
await seedCatalog(db);
const catalogs = new CatalogCache(db);
const queue = openJobQueue({ db, log });

const officer = (name: string, supervisorId: string | null = null) =>
  createStaffMember(db, personalData, { name, email: null, role: 'officer', active: true, supervisorId });

async function resetStaff() {
  await db.updateTable('staff').set({ active: false }).execute();
  await db.updateTable('follow_up_assignment').set({ last_officer_id: null }).execute();
}

/** Posts a lead and returns it with its open match request. */
async function newLead(overrides: Record<string, unknown> = {}) {
  const lead = (await post(app, validLead(overrides))).json();
  return { lead, requestId: await openRequest(lead.id) };
}

async function openRequest(leadId: string) {
  const row = await db.selectFrom('match_requests').select('id').where('lead_id', '=', leadId).where('completed_at', 'is', null).executeTakeFirstOrThrow();
  return row.id;
}

const tasksOf = (leadId: string) =>
  db.selectFrom('follow_up_tasks').selectAll().where('lead_id', '=', leadId).orderBy('created_at').orderBy('kind').orderBy('park_id').execute();
const eventsOf = (leadId: string, type: string) =>
  db.selectFrom('lead_events').select('data').where('lead_id', '=', leadId).where('type', '=', type).execute();

t.test('a run creates its tasks once, assigned to one officer, with reminders scheduled', async (t) => {
  await resetStaff();
  const a = await officer('王芳');
  const { lead, requestId } = await newLead();
  t.equal(await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue }), log), 'matched');
  t.equal(await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue }), log), 'already-done', 'a repeated job finds the request done');
  const tasks = await tasksOf(lead.id);
  const kinds = tasks.map((task) => task.kind);
  t.equal(kinds.filter((kind) => kind === 'call_back').length, 1, 'one call back on the first run');
  t.equal(kinds.filter((kind) => kind === 'send_brochure').length, 3, 'one brochure per top-3 park');
  t.ok(kinds.includes('site_visit') !== kinds.includes('review'), 'a site visit for a strong fit, else a review');
  t.ok(tasks.every((task) => task.assignee_id === a.id && task.status === 'open'));
  t.ok(tasks.every((task) => task.priority === 'hot' && /annual tax 2000/.test(task.priority_reason ?? '')), 'priority and its reason');
  t.ok(tasks.every((task) => task.reminder_scheduled_version === 1), 'reminders reached the queue');
  const events = await eventsOf(lead.id, 'followup.created');
  t.equal(events.length, tasks.length, 'one followup.created per task');
  t.notOk(/张伟|12345678|example\.com/i.test(JSON.stringify(events)), 'no personal data in events');
  const reminders = new Set((await storedJobs(db, followUpReminder)).map((job) => job.id));
  t.ok(tasks.every((task) => reminders.has(bossJobId(followUpReminderJobId(task.id, 1, 0)))), 'each task’s first reminder is queued under its job id');

  // The same needs matched again: nothing changes, nothing is duplicated.
  await app.inject({ method: 'PATCH', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm), payload: { notes: '再次匹配' } });
  await runMatchRequest(db, catalogs, personalData, await openRequest(lead.id), new Date(), followUpRunListener({ db, queue }), log);
  t.equal((await tasksOf(lead.id)).length, tasks.length, 'open tasks of the same kind and park are not duplicated');
});

t.test('suggestion changes cancel and create the affected tasks', async (t) => {
  await resetStaff();
  await officer('李娜');
  const { lead, requestId } = await newLead({ industry: '高端医疗器械研发与生产', land: { area: 30, unit: 'mu' } });
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue }), log);
  const before = await tasksOf(lead.id);
  await app.inject({ method: 'PATCH', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm), payload: { industry: '声学器件', regions: [] } });
  await runMatchRequest(db, catalogs, personalData, await openRequest(lead.id), new Date(), followUpRunListener({ db, queue }), log);
  const run = await db.selectFrom('match_runs').select(['id', 'changes']).where('lead_id', '=', lead.id).where('is_latest', '=', true).executeTakeFirstOrThrow();
  const changes = run.changes as { enteredTop3: string[]; dropped: string[] };
  t.ok(changes && changes.enteredTop3.length + changes.dropped.length > 0, 'the needs change moved the suggestions');
  const after = await tasksOf(lead.id);
  for (const parkId of changes.dropped) {
    const brochure = after.find((task) => task.kind === 'send_brochure' && task.park_id === parkId);
    if (!brochure) continue;
    t.equal(brochure.status, 'cancelled', `the brochure of dropped park ${parkId} is cancelled`);
    t.match(await followUpHistory(db, brochure.id), [{ action: 'created' }, { action: 'cancelled', note: /no longer suggested/ }]);
    t.ok(brochure.due_version > 1, 'its pending reminders are void');
  }
  t.ok(changes.dropped.some((parkId) => before.some((task) => task.park_id === parkId)), 'at least one task was affected');
  for (const parkId of changes.enteredTop3) {
    t.ok(after.some((task) => task.kind === 'send_brochure' && task.park_id === parkId && task.status === 'open'), `a brochure for ${parkId}, new in the top 3`);
  }
  t.equal(after.filter((task) => task.kind === 'call_back').length, 1, 'no second call back');
});

t.test('round-robin over active officers, state in the database; none leaves tasks unassigned', async (t) => {
  await resetStaff();
  const [x, y] = [await officer('甲'), await officer('乙')].sort((p, q) => (p.id < q.id ? -1 : 1));
  const assignees: (string | null)[] = [];
  for (let i = 0; i < 3; i++) {
    const { lead, requestId } = await newLead();
    await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue }), log);
    assignees.push((await tasksOf(lead.id))[0]!.assignee_id);
  }
  t.same(assignees, [x!.id, y!.id, x!.id], 'in turn, by id');
  await updateStaffMember(db, personalData, y!.id, { active: false });
  const { lead: next, requestId } = await newLead();
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue }), log);
  t.equal((await tasksOf(next.id))[0]!.assignee_id, x!.id, 'a deactivated officer gets nothing');

  await resetStaff();
  warnings.length = 0;
  const { lead: orphan, requestId: orphanRequest } = await newLead();
  await runMatchRequest(db, catalogs, personalData, orphanRequest, new Date(), followUpRunListener({ db, queue }), log);
  const orphans = await tasksOf(orphan.id);
  t.ok(orphans.length > 0 && orphans.every((task) => task.assignee_id === null), 'unassigned without active officers');
  t.match(warnings, [[{ tasks: orphans.length }, /unassigned/]], 'and reported');
  t.match(await followUpHistory(db, orphans[0]!.id), [{ action: 'created', note: /unassigned/ }]);
});

/** A Postgres job worker with a shortened follow-up clock. */
function startWorker(t: Test, followUps: FollowUpConfig) {
  const handlers = buildHandlers({ personalData, db, catalogs, queue, now: () => new Date(), followUps });
  const worker = new PostgresJobWorker(db, handlers, { log, pollIntervalMs: 25 });
  t.teardown(() => worker.close());
  return worker.start();
}

t.test('reminders fire at due, then the supervisor is told, then the task is reassigned', async (t) => {
  await resetStaff();
  const supervisor = await createStaffMember(db, personalData, { name: '主管', email: null, role: 'supervisor', active: true, supervisorId: null });
  const first = await officer('一号', supervisor.id);
  const second = await officer('二号', supervisor.id);
  await db.updateTable('follow_up_assignment').set({ last_officer_id: first.id < second.id ? second.id : first.id }).execute();
  const owner = first.id < second.id ? first : second;
  const other = owner === first ? second : first;
  await startWorker(t, { dueAt: () => new Date(Date.now() + 300), timing: { remindAfterDueMs: 0, supervisorAfterDueMs: 400, reassignAfterDueMs: 800 } });
  const { lead } = await newLead();
  const tasks = await eventually(async () => {
    const rows = await tasksOf(lead.id);
    return rows.length ? rows : undefined;
  }, 20_000);
  t.ok(tasks.every((task) => task.assignee_id === owner.id));
  const due = await eventually(async () => {
    const events = await eventsOf(lead.id, 'followup.due');
    return events.length === tasks.length ? events : undefined;
  });
  t.match(due[0]!.data, { taskId: String, kind: String, dueAt: String, assigneeId: owner.id, step: 0 });
  const overdue = await eventually(async () => {
    const events = (await eventsOf(lead.id, 'followup.overdue')).map((event) => event.data as { step: number });
    return events.filter((event) => event.step === 2).length === tasks.length ? events : undefined;
  }, 15_000);
  t.equal(overdue.filter((event) => event.step === 1).length, tasks.length, 'one supervisor notice per task');
  t.match(overdue.find((event) => event.step === 1), { escalation: 'supervisor', supervisorId: supervisor.id });
  t.match(overdue.find((event) => event.step === 2), { escalation: 'reassigned', fromAssigneeId: owner.id, assigneeId: other.id });
  const reassigned = await tasksOf(lead.id);
  t.ok(reassigned.every((task) => task.assignee_id === other.id), 'reassigned to the other officer');
  t.match(await followUpHistory(db, reassigned[0]!.id), [
    { action: 'created' },
    { action: 'reminded' },
    { action: 'escalated', data: { supervisorId: supervisor.id } },
    { action: 'reassigned', data: { from: owner.id, to: other.id } },
  ]);
});

t.test('completing a task cancels its reminders; a stale reminder does nothing', async (t) => {
  await resetStaff();
  await officer('三号');
  const { lead, requestId } = await newLead();
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ db, queue, config: { dueAt: () => new Date(Date.now() + 600) } }), log);
  const [task] = (await tasksOf(lead.id)) as unknown as { id: string }[];
  const reminder = bossJobId(followUpReminderJobId(task!.id, 1, 0));
  const queued = async () => (await storedJobs(db, followUpReminder)).filter((job) => job.id === reminder);
  t.equal((await queued()).length, 1, 'the reminder was queued');
  const done = await app.inject({ method: 'POST', url: `/v1/follow-ups/${task!.id}/complete`, headers: auth(KEYS.staff), payload: {} });
  t.equal(done.statusCode, 200, done.body);
  t.same(await queued(), [], 'the pending reminder was removed from the queue');
  await startWorker(t, { timing: { remindAfterDueMs: 0, supervisorAfterDueMs: 100, reassignAfterDueMs: 200 } });
  await eventually(async () => ((await eventsOf(lead.id, 'followup.due')).length > 0 ? true : undefined), 10_000);
  const due = (await eventsOf(lead.id, 'followup.due')).map((event) => (event.data as { taskId: string }).taskId);
  t.notOk(due.includes(task!.id), 'no followup.due for the completed task');
  t.equal((await eventsOf(lead.id, 'followup.completed')).length, 1);
  t.equal(await runReminderStep({ db, queue, timing: { remindAfterDueMs: 0, supervisorAfterDueMs: 1, reassignAfterDueMs: 2 } }, { taskId: task!.id, version: 1, step: 0 }), 'stale');
});
