import t from 'tap';
import { buildTestApp, post, validLead } from '@leadmatch/api/testing';
import { CatalogCache } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { insertFollowUpTask, sweepFollowUpReminders } from '@leadmatch/followups';
import { BullMqJobQueue, BullMqJobWorker } from '@leadmatch/jobs';
import { findLead } from '@leadmatch/leads';
import { createStaffMember } from '@leadmatch/staff';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { buildHandlers } from '@leadmatch/worker';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const log = { info: () => {}, warn: () => {}, error: () => {} };
const timing = { remindAfterDueMs: 0, supervisorAfterDueMs: 300, reassignAfterDueMs: 600 };

t.test('reminders through BullMQ: a scheduled sweep sends them, two workers send each once, no job per task', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const prefix = uniqueName('leadmatch_followups');
  const inspect = inspectQueue(t, redisUrl, prefix, sweepFollowUpReminders.queue);
  const { app, database } = await buildTestApp(t);
  const { db } = database;
  const queue = new BullMqJobQueue({ redisUrl, prefix, log });
  t.teardown(() => queue.close());
  const startWorker = async () => {
    const handlers = buildHandlers({ personalData, db, catalogs: new CatalogCache(db), queue, now: () => new Date(), followUps: { timing } });
    const worker = new BullMqJobWorker(handlers, { redisUrl, prefix, log });
    t.teardown(() => worker.close());
    await worker.start();
  };
  await startWorker();
  await startWorker();

  const officer = await createStaffMember(db, personalData, { name: '赵六', email: null, role: 'officer', active: true, supervisorId: null });
  const lead = (await findLead(db, (await post(app, validLead())).json().id, { ownerKey: null }))!;
  const newTask = async (inMs: number) => {
    const dueAt = new Date(Date.now() + inMs);
    return (await insertFollowUpTask(db, { leadId: lead.id, runId: null, kind: 'manual', parkId: null, priority: null, priorityReason: null, dueAt, nextReminderAt: dueAt, assigneeId: officer.id, note: null }))!;
  };
  const soon = await newTask(300);
  const later = await newTask(60_000);
  await queue.schedule('sweep-follow-up-reminders-test', sweepFollowUpReminders, {}, { everyMs: 50 });

  const steps = async () =>
    (await db.selectFrom('lead_events').select('data').where('lead_id', '=', lead.id).where('type', 'in', ['followup.due', 'followup.overdue']).execute()).map(
      (row) => row.data as { taskId: string; step: number },
    );
  await eventually(async () => ((await steps()).some((event) => event.step === 2) ? true : undefined), 15_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.same(
    (await steps()).map((event) => [event.taskId, event.step]),
    [[soon.id, 0], [soon.id, 1], [soon.id, 2]],
    'each step of the due task once, though both workers sweep; nothing for the later task yet',
  );
  const jobNames = new Set((await inspect.getJobs(['waiting', 'delayed', 'active', 'completed'])).map((job) => job.name));
  t.same([...jobNames], [sweepFollowUpReminders.name], 'the follow-up queue holds sweeps only');
  t.match(await db.selectFrom('follow_up_tasks').select(['escalation_step', 'next_reminder_at']).where('id', '=', later.id).executeTakeFirstOrThrow(), {
    escalation_step: -1,
    next_reminder_at: later.dueAt,
  });
});
