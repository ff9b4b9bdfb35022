import t from 'tap';
import { buildTestApp, post, validLead } from '@leadmatch/api/testing';
import { CatalogCache } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { followUpReminder, followUpReminderJobId, insertFollowUpTask, markReminderScheduled, scheduleFollowUpReminders } from '@leadmatch/followups';
import { BullMqJobQueue, BullMqJobWorker } from '@leadmatch/jobs';
import { findLead } from '@leadmatch/leads';
import { createStaffMember } from '@leadmatch/staff';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { buildHandlers } from '@leadmatch/worker';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const log = { info: () => {}, warn: () => {}, error: () => {} };
const timing = { remindAfterDueMs: 0, supervisorAfterDueMs: 300, reassignAfterDueMs: 600 };

t.test('reminders as delayed BullMQ jobs: fired at due, cancelled when the task is done', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  if (!redisUrl) return;
  const prefix = uniqueName('leadmatch_followups');
  const inspect = inspectQueue(t, redisUrl, prefix, followUpReminder.queue);
  const { app, database } = await buildTestApp(t);
  const { db } = database;
  const queue = new BullMqJobQueue({ redisUrl, prefix, log });
  t.teardown(() => queue.close());
  const handlers = buildHandlers({ personalData, db, catalogs: new CatalogCache(db), queue, now: () => new Date(), followUps: { timing } });
  const worker = new BullMqJobWorker(handlers, { redisUrl, prefix, log });
  t.teardown(() => worker.close());
  await worker.start();

  const officer = await createStaffMember(db, personalData, { name: '赵六', email: null, role: 'officer', active: true, supervisorId: null });
  const lead = (await findLead(db, (await post(app, validLead())).json().id, { ownerKey: null }))!;
  const newTask = async (inMs: number) =>
    (await insertFollowUpTask(db, {
      leadId: lead.id,
      runId: null,
      kind: 'manual',
      parkId: null,
      priority: null,
      priorityReason: null,
      dueAt: new Date(Date.now() + inMs),
      assigneeId: officer.id,
      note: null,
    }))!;
  const soon = await newTask(300);
  const later = await newTask(60_000);
  await scheduleFollowUpReminders(queue, db, [soon, later], timing, log);
  t.equal((await inspect.getJob(followUpReminderJobId(soon.id, 1, 0)))?.opts.delay !== undefined, true, 'a delayed job');

  const events = await eventually(async () => {
    const rows = await db.selectFrom('lead_events').select(['type', 'data']).where('lead_id', '=', lead.id).where('type', 'like', 'followup.%').execute();
    return rows.some((row) => (row.data as { step?: number }).step === 1) ? rows : undefined;
  }, 15_000);
  t.match(events, [{ type: 'followup.due', data: { taskId: soon.id, step: 0 } }, { type: 'followup.overdue', data: { taskId: soon.id, step: 1 } }]);
  // The worker marks the job completed only after the handler has written the event.
  const firstState = await eventually(async () => {
    const state = await inspect.getJobState(followUpReminderJobId(soon.id, 1, 0));
    return state === 'active' ? undefined : state;
  });
  t.equal(firstState, 'completed');

  // Cancelling the later task's reminder removes the delayed job.
  t.equal(await (await inspect.getJob(followUpReminderJobId(later.id, 1, 0)))?.getState(), 'delayed');
  await queue.cancel(followUpReminderJobId(later.id, 1, 0));
  t.equal(await inspect.getJob(followUpReminderJobId(later.id, 1, 0)), undefined, 'removed from Redis');
  await queue.cancel('no-such-job');
  await markReminderScheduled(db, later.id, 1);
});
