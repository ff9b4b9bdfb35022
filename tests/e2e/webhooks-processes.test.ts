import t from 'tap';
import { eventually, inspectQueue, serviceUrl, testDatabase, uniqueName } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';
import { startReceiver, verifyStandardWebhook, verifyWebhook } from '../support/webhook-receiver.ts';

const crm = { authorization: 'Bearer e2e-webhooks-crm-key', 'content-type': 'application/json' };
const admin = { authorization: 'Bearer e2e-webhooks-admin-key', 'content-type': 'application/json' };
const SECRET = 'the-crm-webhook-secret-0001';

t.test('API and a separate BullMQ worker: a posted lead reaches the CRM as signed lead.matched and followup.created', async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const prefix = uniqueName('e2e-webhooks');
  for (const queue of ['match', 'maintenance', 'webhooks', 'followups']) inspectQueue(t, redisUrl, prefix, queue);
  const receiver = await startReceiver(t);
  const env = {
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    API_KEYS: 'crm:e2e-webhooks-crm-key,admin:e2e-webhooks-admin-key',
    LOG_LEVEL: 'info',
  };
  const api = await startService(t, 'services/api/src/server.ts', env);
  const url = await listening(api);
  const worker = await startService(t, 'services/worker/src/main.ts', env);
  await worker.waitFor(/worker started/);

  const subscribed = await fetch(`${url}/v1/webhook-subscriptions`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ url: `${receiver.url}/crm/hooks`, secret: SECRET, events: ['lead.matched', 'followup.created'] }),
  });
  t.equal(subscribed.status, 201);
  const { standardWebhooksSecret } = (await subscribed.json()) as { standardWebhooksSecret: string };
  const officer = await fetch(`${url}/v1/staff`, { method: 'POST', headers: admin, body: JSON.stringify({ name: '招商专员甲', role: 'officer', active: true }) });
  t.equal(officer.status, 201, 'an officer to assign follow-ups to');

  const started = performance.now();
  const posted = await fetch(`${url}/v1/leads`, {
    method: 'POST',
    headers: crm,
    body: JSON.stringify({
      externalId: 'E2E-WEBHOOK-1',
      company: { name: '苏州示例医疗器械有限公司' },
      contact: { name: '王芳', phone: '13900001111', email: 'wang.fang@example.com' },
      industry: '植入式医疗器械',
      uses: ['production'],
      building: { area: 3000, unit: 'm2', tenure: 'rent' },
      regions: ['苏州'],
    }),
  });
  t.equal(posted.status, 201);
  const lead = (await posted.json()) as { id: string };

  const request = await eventually(() => receiver.received.find((r) => r.body.type === 'lead.matched'), 30_000);
  t.comment(`lead.matched received ${(performance.now() - started).toFixed(0)} ms after the lead was posted`);
  t.equal(request.path, '/crm/hooks');
  t.ok(verifyWebhook(request.rawBody, String(request.headers['x-signature']), SECRET), 'the signature verifies by the README');
  t.ok(verifyStandardWebhook(request.rawBody, request.headers, standardWebhooksSecret), 'and by the standardwebhooks library');
  t.equal(request.headers['x-event-id'], request.body.id);
  t.equal(request.headers['webhook-id'], request.body.id);
  t.match(request.body, { type: 'lead.matched', createdAt: String, data: { runId: String, reason: 'created', hasStrongFit: Boolean, topParkIds: Array } });
  const event = await database.db.selectFrom('lead_events').select(['id', 'lead_id']).where('id', '=', request.body.id).executeTakeFirstOrThrow();
  t.equal(event.lead_id, lead.id, 'the event is the lead’s');
  for (const personal of ['13900001111', '王芳', 'wang.fang']) t.notOk(request.rawBody.includes(personal), `no ${personal} in the body`);

  const created = await eventually(() => receiver.received.find((r) => r.body.type === 'followup.created'), 30_000);
  t.ok(verifyWebhook(created.rawBody, String(created.headers['x-signature']), SECRET), 'followup.created is signed too');
  t.ok(verifyStandardWebhook(created.rawBody, created.headers, standardWebhooksSecret));
  t.match(created.body.data, { taskId: String });
  const tasks = (await (await fetch(`${url}/v1/follow-ups?leadId=${lead.id}`, { headers: admin })).json()) as { items: { id: string; status: string }[] };
  t.ok(tasks.items.length > 0 && tasks.items.every((task) => task.status === 'open'), 'the tasks appear in GET /v1/follow-ups');
  t.ok(tasks.items.some((task) => task.id === created.body.data.taskId));

  await new Promise((resolve) => setTimeout(resolve, 2500));
  t.equal(receiver.received.filter((r) => r.body.id === request.body.id).length, 1, 'delivered once, however often the relay runs');

  t.equal((await worker.stop('SIGTERM')).code, 0);
  t.equal((await api.stop('SIGTERM')).code, 0);
});
