import t from 'tap';
import { auth, buildTestApp, KEYS, post, validLead } from '@leadmatch/api/testing';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import {
  followUpHistory,
  followUpRunListener,
  retiredFollowUpReminder,
  sendDueReminders,
  sweepFollowUpReminders,
  type FollowUpTiming,
} from '@leadmatch/followups';
import { openJobQueue, PostgresJobWorker, storedJobs } from '@leadmatch/jobs';
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

t.test('a run creates its tasks once, assigned to one officer, each with its first reminder due', async (t) => {
  await resetStaff();
  const a = await officer('王芳');
  const { lead, requestId } = await newLead();
  t.equal(await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener(), log), 'matched');
  t.equal(await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener(), log), 'already-done', 'a repeated job finds the request done');
  const tasks = await tasksOf(lead.id);
  const kinds = tasks.map((task) => task.kind);
  t.equal(kinds.filter((kind) => kind === 'call_back').length, 1, 'one call back on the first run');
  t.equal(kinds.filter((kind) => kind === 'send_brochure').length, 3, 'one brochure per top-3 park');
  t.ok(kinds.includes('site_visit') !== kinds.includes('review'), 'a site visit for a strong fit, else a review');
  t.ok(tasks.every((task) => task.assignee_id === a.id && task.status === 'open'));
  t.ok(tasks.every((task) => task.priority === 'hot' && /annual tax 2000/.test(task.priority_reason ?? '')), 'priority and its reason');
  t.ok(tasks.every((task) => task.escalation_step === -1 && task.next_reminder_at?.getTime() === task.due_at.getTime()), 'the first reminder is due at the due time');
  const events = await eventsOf(lead.id, 'followup.created');
  t.equal(events.length, tasks.length, 'one followup.created per task');
  t.notOk(/张伟|12345678|example\.com/i.test(JSON.stringify(events)), 'no personal data in events');
  t.same(await storedJobs(db, retiredFollowUpReminder), [], 'no job per task');

  // The same needs matched again: nothing changes, nothing is duplicated.
  await app.inject({ method: 'PATCH', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm), payload: { notes: '再次匹配' } });
  await runMatchRequest(db, catalogs, personalData, await openRequest(lead.id), new Date(), followUpRunListener(), log);
  t.equal((await tasksOf(lead.id)).length, tasks.length, 'open tasks of the same kind and park are not duplicated');
});

t.test('suggestion changes cancel and create the affected tasks', async (t) => {
  await resetStaff();
  await officer('李娜');
  const { lead, requestId } = await newLead({ industry: '高端医疗器械研发与生产', land: { area: 30, unit: 'mu' } });
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener(), log);
  const before = await tasksOf(lead.id);
  await app.inject({ method: 'PATCH', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm), payload: { industry: '声学器件', regions: [] } });
  await runMatchRequest(db, catalogs, personalData, await openRequest(lead.id), new Date(), followUpRunListener(), log);
  const run = await db.selectFrom('match_runs').select(['id', 'changes']).where('lead_id', '=', lead.id).where('is_latest', '=', true).executeTakeFirstOrThrow();
  const changes = run.changes as { enteredTop3: string[]; dropped: string[] };
  t.ok(changes && changes.enteredTop3.length + changes.dropped.length > 0, 'the needs change moved the suggestions');
  const after = await tasksOf(lead.id);
  for (const parkId of changes.dropped) {
    const brochure = after.find((task) => task.kind === 'send_brochure' && task.park_id === parkId);
    if (!brochure) continue;
    t.equal(brochure.status, 'cancelled', `the brochure of dropped park ${parkId} is cancelled`);
    t.match(await followUpHistory(db, brochure.id), [{ action: 'created' }, { action: 'cancelled', note: /no longer suggested/ }]);
    t.equal(brochure.next_reminder_at, null, 'its reminders stop');
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
    await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener(), log);
    assignees.push((await tasksOf(lead.id))[0]!.assignee_id);
  }
  t.same(assignees, [x!.id, y!.id, x!.id], 'in turn, by id');
  await updateStaffMember(db, personalData, y!.id, { active: false });
  const { lead: next, requestId } = await newLead();
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener(), log);
  t.equal((await tasksOf(next.id))[0]!.assignee_id, x!.id, 'a deactivated officer gets nothing');

  await resetStaff();
  warnings.length = 0;
  const { lead: orphan, requestId: orphanRequest } = await newLead();
  await runMatchRequest(db, catalogs, personalData, orphanRequest, new Date(), followUpRunListener(), log);
  const orphans = await tasksOf(orphan.id);
  t.ok(orphans.length > 0 && orphans.every((task) => task.assignee_id === null), 'unassigned without active officers');
  t.match(warnings, [[{ tasks: orphans.length }, /unassigned/]], 'and reported');
  t.match(await followUpHistory(db, orphans[0]!.id), [{ action: 'created', note: /unassigned/ }]);
});

t.test('due dates follow China\'s working calendar; a year without data counts Mon–Fri and is logged once', async (t) => {
  await resetStaff();
  await officer('周敏');
  const { lead, requestId } = await newLead();
  await runMatchRequest(db, catalogs, personalData, requestId, new Date('2025-09-30T02:00:00Z'), followUpRunListener(), log);
  const tasks = await tasksOf(lead.id);
  t.ok(tasks.length > 0 && tasks.every((task) => task.priority === 'hot'), 'a hot lead');
  t.ok(tasks.every((task) => task.due_at.toISOString() === '2025-10-09T10:00:00.000Z'), 'matched before 国庆, due on the first working day after it, 18:00 China time');

  const fallbackWarnings = () => warnings.filter((args) => /no China holiday data for 2027/.test(String((args as unknown[])[1])));
  for (const now of ['2027-03-05T02:00:00Z', '2027-03-08T02:00:00Z']) {
    const { lead: later, requestId: laterRequest } = await newLead();
    await runMatchRequest(db, catalogs, personalData, laterRequest, new Date(now), followUpRunListener(), log);
    t.ok((await tasksOf(later.id)).length > 0, `tasks of a lead matched ${now}`);
  }
  t.match(fallbackWarnings(), [[{ year: 2027, fallback: 'monday-to-friday' }, /count Monday to Friday/]], '2027: one warning for the process');
  t.equal(fallbackWarnings().length, 1);
});

const timing: FollowUpTiming = { remindAfterDueMs: 0, supervisorAfterDueMs: 400, reassignAfterDueMs: 800 };
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
/** Stops the reminders of the tasks earlier tests left open, so a sweep sees only this test's. */
const quietEarlierTasks = () => db.updateTable('follow_up_tasks').set({ next_reminder_at: null }).execute();
const stepsOf = async (leadId: string) =>
  (await db.selectFrom('lead_events').select('data').where('lead_id', '=', leadId).where('type', 'in', ['followup.due', 'followup.overdue']).execute()).map(
    (event) => event.data as { taskId: string; step: number },
  );

/** A manual task of a new lead, due at `dueAt`, through the API. */
async function manualTask(dueAt: Date) {
  const { lead } = await newLead();
  const response = await app.inject({ method: 'POST', url: `/v1/leads/${lead.id}/follow-ups`, headers: auth(KEYS.staff), payload: { kind: 'manual', dueAt: dueAt.toISOString() } });
  return { lead, task: response.json() as { id: string } };
}

t.test('the sweep sends each step at its time: due, then the supervisor is told, then the task is reassigned', async (t) => {
  await resetStaff();
  await quietEarlierTasks();
  const supervisor = await createStaffMember(db, personalData, { name: '主管', email: null, role: 'supervisor', active: true, supervisorId: null });
  const first = await officer('一号', supervisor.id);
  const second = await officer('二号', supervisor.id);
  await db.updateTable('follow_up_assignment').set({ last_officer_id: first.id < second.id ? second.id : first.id }).execute();
  const owner = first.id < second.id ? first : second;
  const other = owner === first ? second : first;
  const due = new Date(Date.now() + 3_600_000);
  const { lead, requestId } = await newLead();
  await runMatchRequest(db, catalogs, personalData, requestId, new Date(), followUpRunListener({ config: { dueAt: () => due, timing } }), log);
  const tasks = await tasksOf(lead.id);
  t.ok(tasks.length > 0 && tasks.every((task) => task.assignee_id === owner.id));

  t.equal(await sendDueReminders(db, timing, at(due, -1)), 0, 'nothing before the due time');
  t.equal(await sendDueReminders(db, timing, due), tasks.length, 'step 0 at the due time');
  t.match((await eventsOf(lead.id, 'followup.due'))[0]!.data, { taskId: String, kind: String, dueAt: due.toISOString(), assigneeId: owner.id, step: 0 });
  t.equal(await sendDueReminders(db, timing, at(due, 399)), 0);
  t.equal(await sendDueReminders(db, timing, at(due, 400)), tasks.length, 'step 1 when the supervisor is due');
  t.equal(await sendDueReminders(db, timing, at(due, 800)), tasks.length, 'step 2 when reassignment is due');
  t.equal(await sendDueReminders(db, timing, at(due, 86_400_000)), 0, 'and nothing after the last step');
  t.ok((await tasksOf(lead.id)).every((task) => task.escalation_step === 2 && task.next_reminder_at === null));

  const overdue = (await eventsOf(lead.id, 'followup.overdue')).map((event) => event.data as { step: number });
  t.equal(overdue.filter((event) => event.step === 1).length, tasks.length, 'one supervisor notice per task');
  t.equal(overdue.filter((event) => event.step === 2).length, tasks.length, 'one reassignment per task');
  t.match(overdue.find((event) => event.step === 1), { escalation: 'supervisor', supervisorId: supervisor.id });
  t.match(overdue.find((event) => event.step === 2), { escalation: 'reassigned', fromAssigneeId: owner.id, assigneeId: other.id });
  const reassigned = await tasksOf(lead.id);
  t.ok(reassigned.every((task) => task.assignee_id === other.id), 'reassigned to the other officer');
  t.match(await followUpHistory(db, reassigned[0]!.id), [
    { action: 'created' },
    { action: 'reminded', actor: 'reminders', data: { step: 0 }, note: 'due now' },
    { action: 'escalated', data: { step: 1, supervisorId: supervisor.id }, note: 'overdue: supervisor notified' },
    { action: 'reassigned', data: { step: 2, from: owner.id, to: other.id }, note: 'overdue: reassigned to another officer' },
  ]);
});

t.test('a sweep that finds a task several steps behind sends them all, in order', async (t) => {
  await resetStaff();
  await quietEarlierTasks();
  await officer('四号');
  const due = new Date(Date.now() + 3_600_000);
  const { lead, task } = await manualTask(due);
  t.equal(await sendDueReminders(db, timing, at(due, 500)), 2, 'the due reminder and the supervisor notice');
  t.same((await stepsOf(lead.id)).map((event) => event.step), [0, 1]);
  t.match(await db.selectFrom('follow_up_tasks').select(['escalation_step', 'next_reminder_at']).where('id', '=', task.id).executeTakeFirstOrThrow(), {
    escalation_step: 1,
    next_reminder_at: at(due, 800),
  });
});

t.test('sweeps running at once send each reminder once', async (t) => {
  await resetStaff();
  await quietEarlierTasks();
  await officer('五号');
  const due = new Date(Date.now() + 3_600_000);
  const made = await Promise.all([1, 2, 3].map(() => manualTask(due)));
  const sent = await Promise.all([1, 2, 3, 4].map(() => sendDueReminders(db, timing, at(due, 1000))));
  t.equal(sent.reduce((sum, n) => sum + n, 0), made.length * 3, 'three steps per task in all');
  for (const { lead } of made) t.same((await stepsOf(lead.id)).map((event) => event.step), [0, 1, 2], 'each step once');
});

t.test('no reminder for a completed task; a snoozed one is reminded at its new time', async (t) => {
  await resetStaff();
  await quietEarlierTasks();
  await officer('三号');
  const due = new Date(Date.now() + 3_600_000);
  const done = await manualTask(due);
  const snoozed = await manualTask(due);
  t.equal((await app.inject({ method: 'POST', url: `/v1/follow-ups/${done.task.id}/complete`, headers: auth(KEYS.staff), payload: {} })).statusCode, 200);
  const until = at(due, 7_200_000);
  const snooze = await app.inject({ method: 'POST', url: `/v1/follow-ups/${snoozed.task.id}/snooze`, headers: auth(KEYS.staff), payload: { until: until.toISOString() } });
  t.equal(snooze.statusCode, 200, snooze.body);
  await sendDueReminders(db, timing, at(due, 1000));
  t.same(await stepsOf(done.lead.id), [], 'nothing for the completed task, even long after its due time');
  t.same(await stepsOf(snoozed.lead.id), [], 'nothing for the snoozed task before its new due time');
  await sendDueReminders(db, timing, until);
  t.match(await stepsOf(snoozed.lead.id), [{ taskId: snoozed.task.id, step: 0 }], 'its reminder at the new due time');
});

t.test('the sweep runs as a job; reminder jobs queued before the upgrade do nothing', async (t) => {
  await resetStaff();
  await quietEarlierTasks();
  await officer('六号');
  const handlers = buildHandlers({ personalData, db, catalogs, queue, now: () => new Date(), followUps: { timing } });
  const worker = new PostgresJobWorker(db, handlers, { log, pollIntervalMs: 25 });
  t.teardown(() => worker.close());
  const { lead, task } = await manualTask(new Date(Date.now() - 1000));
  await handlers.dispatch(retiredFollowUpReminder.name, { taskId: task.id, version: 1, step: 0 }, { jobId: 'old', attempt: 1, log });
  t.same(await stepsOf(lead.id), [], 'an old reminder job sends nothing');
  await worker.start();
  await queue.enqueue(sweepFollowUpReminders, {});
  const sent = await eventually(async () => {
    const steps = await stepsOf(lead.id);
    return steps.length === 3 ? steps : undefined;
  }, 20_000);
  t.match(sent, [{ taskId: task.id, step: 0 }, { step: 1 }, { step: 2 }], 'the due task got every step it was due');
});
