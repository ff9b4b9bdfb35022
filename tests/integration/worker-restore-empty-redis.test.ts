import t from 'tap';
import { auth, API_KEYS, buildTestApp, KEYS, validLead } from '@leadmatch/api/testing';
import { loadConfig } from '@leadmatch/config';
import { BullMqJobQueue } from '@leadmatch/jobs';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { startWorker } from '@leadmatch/worker';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * Issue 14: a host reboot empties Redis, and a fresh worker starts on it. Nobody saw Redis go away,
 * yet every open task's reminder and every pending webhook delivery must reach the queue again.
 * A Redis prefix no worker has used stands for the emptied Redis.
 */
const log = { info: () => {}, warn: () => {}, error: () => {} };
const QUEUES = ['match', 'maintenance', 'webhooks', 'followups'];
const redisUrl = serviceUrl(t, 'REDIS_URL');
if (!redisUrl) process.exit(0);

const admin = auth(KEYS.admin);
const settings = (prefix: string) =>
  loadConfig({ API_KEYS, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, NODE_ENV: 'test', LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });

const before = uniqueName('leadmatch_restore_before');
const after = uniqueName('leadmatch_restore_after');
for (const prefix of [before, after]) for (const queue of QUEUES) inspectQueue(t, redisUrl, prefix, queue);

const jobs = new BullMqJobQueue({ redisUrl, prefix: before, log });
t.teardown(() => jobs.close());
const { app, database } = await buildTestApp(t, { jobs, config: settings(before) });
const db = database.db;
const receiver = await startReceiver(t);
receiver.script('/crm', [503]);

t.test('a fresh worker on an emptied Redis queues every open reminder and pending delivery again', async (t) => {
  const inject = async (url: string, payload: object) => (await app.inject({ method: 'POST', url, headers: admin, payload })).json();
  await inject('/v1/webhook-subscriptions', { url: `${receiver.url}/crm`, secret: 'secret-of-the-restore-test', events: ['followup.created'] });
  const staff = await inject('/v1/staff', { name: '值班专员', role: 'officer', active: true });
  const lead = await inject('/v1/leads', validLead());
  const task = await inject(`/v1/leads/${lead.id}/follow-ups`, { kind: 'call_back', dueAt: new Date(Date.now() + 86_400_000).toISOString(), assigneeId: staff.id });

  const first = await startWorker(settings(before), database, log, app.metrics);
  const scheduled = () => db.selectFrom('follow_up_tasks').select('reminder_scheduled_version').where('id', '=', task.id).executeTakeFirstOrThrow();
  await eventually(async () => ((await scheduled()).reminder_scheduled_version !== null ? true : undefined), 20_000);
  const delivery = () => db.selectFrom('webhook_deliveries').selectAll().where('event_id', 'in', db.selectFrom('lead_events').select('id').where('type', '=', 'followup.created')).executeTakeFirst();
  await eventually(async () => ((await delivery())?.attempts ? true : undefined), 20_000);
  await first.close();
  t.match(await delivery(), { status: 'pending' }, 'the first attempt failed; its retry waits in the old Redis');

  // The reboot comes long after the task was written: the sweep leaves tasks younger than 30 s to their writer.
  await db.updateTable('follow_up_tasks').set({ updated_at: new Date(Date.now() - 3_600_000) }).where('id', '=', task.id).execute();
  const fresh = await startWorker(settings(after), database, log, app.metrics);
  t.teardown(() => fresh.close());
  await eventually(async () => ((await delivery())?.status === 'delivered' ? true : undefined), 20_000);
  t.pass('the pending delivery reached the new Redis and was delivered');
  const reminders = inspectQueue(t, redisUrl, after, 'followups');
  const queued = await eventually(async () => {
    const found = (await reminders.getJobs(['delayed', 'waiting'])).filter((job) => job.name === 'followups.reminder' && job.data.taskId === task.id);
    return found.length > 0 ? found : undefined;
  }, 20_000);
  t.ok(queued.length >= 1, 'the open task has its reminder in the new Redis');
});
