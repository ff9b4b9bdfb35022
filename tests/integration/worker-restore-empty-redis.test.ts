import { sql } from 'kysely';
import t from 'tap';
import { auth, API_KEYS, buildTestApp, KEYS, validLead } from '@leadmatch/api/testing';
import { loadConfig } from '@leadmatch/config';
import { BullMqJobQueue } from '@leadmatch/jobs';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { startWorker } from '@leadmatch/worker';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * Issue 14: a host reboot empties Redis, and a fresh worker starts on it. Nobody saw Redis go away,
 * yet every pending webhook delivery must reach the queue again, and a reminder that came due
 * meanwhile must still be sent: its due time is in Postgres, where the reminder sweep reads it.
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

t.test('a fresh worker on an emptied Redis queues every pending delivery again and sends the reminders due', async (t) => {
  const inject = async (url: string, payload: object) => (await app.inject({ method: 'POST', url, headers: admin, payload })).json();
  await inject('/v1/webhook-subscriptions', { url: `${receiver.url}/crm`, secret: 'secret-of-the-restore-test', events: ['followup.created'] });
  const staff = await inject('/v1/staff', { name: '值班专员', role: 'officer', active: true });
  const lead = await inject('/v1/leads', validLead());
  const task = await inject(`/v1/leads/${lead.id}/follow-ups`, { kind: 'call_back', dueAt: new Date(Date.now() + 86_400_000).toISOString(), assigneeId: staff.id });

  const first = await startWorker(settings(before), database, log, app.metrics);
  const delivery = () => db.selectFrom('webhook_deliveries').selectAll().where('event_id', 'in', db.selectFrom('lead_events').select('id').where('type', '=', 'followup.created')).executeTakeFirst();
  await eventually(async () => ((await delivery())?.attempts ? true : undefined), 20_000);
  await first.close();
  t.match(await delivery(), { status: 'pending' }, 'the first attempt failed; its retry waits in the old Redis');

  // The task came due while Redis was down and empty.
  const dueAt = new Date(Date.now() - 60_000);
  await db.updateTable('follow_up_tasks').set({ due_at: dueAt, next_reminder_at: dueAt }).where('id', '=', task.id).execute();
  const fresh = await startWorker(settings(after), database, log, app.metrics);
  t.teardown(() => fresh.close());
  await eventually(async () => ((await delivery())?.status === 'delivered' ? true : undefined), 20_000);
  t.pass('the pending delivery reached the new Redis and was delivered');
  const reminded = () => db.selectFrom('lead_events').select('data').where('type', '=', 'followup.due').where(sql<boolean>`data->>'taskId' = ${task.id}`).execute();
  const sent = await eventually(async () => {
    const rows = await reminded();
    return rows.length ? rows : undefined;
  }, 20_000);
  t.match(sent, [{ data: { taskId: task.id, step: 0 } }], 'the reminder due meanwhile was sent by the sweep');
  t.equal((await reminded()).length, 1, 'once');
  const followups = await inspectQueue(t, redisUrl, after, 'followups').getJobs(['delayed', 'waiting', 'active', 'completed']);
  t.ok(followups.every((job) => job.name === 'followups.sweep-reminders'), 'the new Redis holds no job per task');
});
