import t from 'tap';
import { auth, API_KEYS, buildTestApp, KEYS } from '@leadmatch/api/testing';
import { CatalogCache } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { BullMqJobQueue, openJobWorker } from '@leadmatch/jobs';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { createWebhookSubscription, relayWebhookEvents } from '@leadmatch/webhooks';
import { buildHandlers } from '@leadmatch/worker';
import { startReceiver, verifyStandardWebhook, verifyWebhook, type ReceivedWebhook } from '../support/webhook-receiver.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const redisUrl = serviceUrl(t, 'REDIS_URL');
if (!redisUrl) process.exit(0);

const prefix = uniqueName('webhooks');
inspectQueue(t, redisUrl, prefix, 'webhooks');
const queue = new BullMqJobQueue({ redisUrl, prefix, log: silent });
t.teardown(() => queue.close());
// Receivers listen on loopback here; in production only public addresses get webhooks unless an operator allows a network.
const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
const { app, database } = await buildTestApp(t, { jobs: queue, config });
// The worker opens the secrets the API sealed, so both use the configured key.
const personalData = personalDataFor(config.piiKey);
const { db } = database;
const admin = auth(KEYS.admin);
const receiver = await startReceiver(t);

// A worker on real Redis; retries wait 50 ms, 100 ms, … instead of 30 s, 1 min, …
const handlers = buildHandlers({
  db,
  personalData,
  catalogs: new CatalogCache(db),
  queue,
  now: () => new Date(),
  webhooks: { backoffMs: 50, timeoutMs: 2000, allowedNetworks: ['127.0.0.1/32'] },
});
const worker = openJobWorker({ redisUrl, prefix, db, handlers, log: silent });
t.teardown(() => worker.close());
await worker.start();

const relay = () => handlers.dispatch(relayWebhookEvents.name, { settleMs: 0 }, { jobId: 'relay', attempt: 1, log: silent });

const { id: leadId } = await db
  .insertInto('leads')
  .values({ owner_key: 'k', industry: '医疗器械', uses: ['production'], regions: [], policy_interests: [], contact_name: '张伟', contact_phone: '+8613812345678' })
  .returning('id')
  .executeTakeFirstOrThrow();

async function recordEvent(type: string, data: object): Promise<string> {
  const row = await db.insertInto('lead_events').values({ lead_id: leadId, type, data: JSON.stringify(data) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The standardWebhooksSecret each path's subscription was answered with. */
const standardKeys = new Map<string, string>();

async function subscribe(path: string, secret: string, events: string[]): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: admin, payload: { url: `${receiver.url}${path}`, secret, events } });
  if (response.statusCode !== 201) throw new Error(response.body);
  standardKeys.set(path, response.json().standardWebhooksSecret);
  return response.json().id;
}

const verifiesByStandard = (request: ReceivedWebhook, key: string) => verifyStandardWebhook(request.rawBody, request.headers, key);

const deliveriesOf = (subscriptionId: string) => db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).execute();
const receivedOn = (path: string) => receiver.received.filter((request) => request.path === path);

t.test('fan-out: one delivery per event and listening subscription, never twice; each signed so the README verifier accepts it', async (t) => {
  const a = await subscribe('/a', 'secret-of-subscriber-a', ['lead.matched', 'lead.suggestions_changed']);
  const b = await subscribe('/b', 'secret-of-subscriber-b', ['lead.matched']);
  const followUpsOnly = await subscribe('/c', 'secret-of-subscriber-c', ['followup.due']);
  const off = await subscribe('/off', 'secret-of-subscriber-off', ['lead.matched']);
  await app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${off}`, headers: admin, payload: { active: false } });

  const matched = await recordEvent('lead.matched', { runId: crypto.randomUUID(), reason: 'created', hasStrongFit: true, topParkIds: ['p1'] });
  const changed = await recordEvent('lead.suggestions_changed', { runId: crypto.randomUUID(), enteredTop3: ['p2'], dropped: [], carriersGone: [] });
  await recordEvent('lead.unknown_kind', { ignored: true });

  await Promise.all([relay(), relay()]);
  await relay();
  t.same((await deliveriesOf(a)).map((d) => d.event_id).sort(), [matched, changed].sort(), 'a gets both events once');
  t.same((await deliveriesOf(b)).map((d) => d.event_id), [matched], 'b only what it listens to');
  t.same(await deliveriesOf(followUpsOnly), []);
  t.same(await deliveriesOf(off), [], 'an inactive subscription gets nothing');

  await eventually(() => receivedOn('/a').length === 2 && receivedOn('/b').length === 1, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(receivedOn('/a').length + receivedOn('/b').length, 3, 'each delivery POSTed once');
  t.same(receivedOn('/c'), []);

  for (const [path, secret] of [['/a', 'secret-of-subscriber-a'], ['/b', 'secret-of-subscriber-b']] as const) {
    for (const request of receivedOn(path)) {
      t.equal(request.headers['content-type'], 'application/json');
      t.equal(request.headers['x-event-id'], request.body.id, 'X-Event-Id is the event id');
      t.ok(verifyWebhook(request.rawBody, String(request.headers['x-signature']), secret), `${path} ${request.body.type}: signature verifies`);
      t.notOk(verifyWebhook(request.rawBody, String(request.headers['x-signature']), 'secret-of-subscriber-c'), 'not with another secret');
      t.notOk(verifyWebhook(request.rawBody.replace('"', ' "'), String(request.headers['x-signature']), secret), 'not for an altered body');
      t.notOk(verifyWebhook(request.rawBody, String(request.headers['x-signature']), secret, Math.floor(Date.now() / 1000) + 301), 'not 5 minutes later');
      t.notOk(request.rawBody.includes('13812345678') || request.rawBody.includes('张伟'), 'no contact data in the body');

      const key = standardKeys.get(path)!;
      t.equal(key, `whsec_${Buffer.from(secret).toString('base64')}`, 'the key is the secret in base64, so an existing subscriber derives it');
      t.equal(request.headers['webhook-id'], request.body.id, 'webhook-id is the event id');
      t.equal(`t=${request.headers['webhook-timestamp']}`, String(request.headers['x-signature']).split(',')[0], 'one timestamp for both schemes');
      t.ok(verifiesByStandard(request, key), `${path} ${request.body.type}: the standardwebhooks library verifies it`);
      t.notOk(verifiesByStandard(request, standardKeys.get('/c')!), 'not with another key');
      t.notOk(verifyStandardWebhook(request.rawBody.replace('"', ' "'), request.headers, key), 'not for a tampered body');
      t.notOk(verifyStandardWebhook(request.rawBody, { ...request.headers, 'webhook-id': crypto.randomUUID() }, key), 'not for another webhook-id');
      const otherSecond = String(Number(request.headers['webhook-timestamp']) - 1);
      t.notOk(verifyStandardWebhook(request.rawBody, { ...request.headers, 'webhook-timestamp': otherSecond }, key), 'not for another timestamp');
    }
  }
  const toB = receivedOn('/b')[0]!;
  const event = await db.selectFrom('lead_events').selectAll().where('id', '=', matched).executeTakeFirstOrThrow();
  t.same(toB.body, { id: matched, type: 'lead.matched', createdAt: event.created_at.toISOString(), data: event.data });
  t.same(
    (await deliveriesOf(b)).map((d) => ({ status: d.status, attempts: d.attempts, code: d.last_status_code })),
    [{ status: 'delivered', attempts: 1, code: 200 }],
  );

  const later = await recordEvent('lead.matched', { runId: crypto.randomUUID(), reason: 'updated', hasStrongFit: false, topParkIds: [] });
  await relay();
  t.same((await deliveriesOf(b)).map((d) => d.event_id).sort(), [matched, later].sort(), 'the cursor moved on: only the new event is added');
  const log = await app.inject({ url: `/v1/webhook-subscriptions/${b}/deliveries`, headers: admin });
  t.equal(log.json().items.length, 2);
});

t.test('during a rotation a delivery carries a v1 for each secret, so receivers on either verify; after a revoke, only the new', async (t) => {
  const id = await subscribe('/rotating', 'secret-before-the-rotation', ['followup.completed']);
  const rotate = (payload: object) => app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${id}`, headers: admin, payload });
  const oldKey = standardKeys.get('/rotating')!;
  const rotated = await rotate({ secret: 'secret-after-the-rotation' });
  t.equal(rotated.statusCode, 200);
  const newKey = rotated.json().standardWebhooksSecret;
  t.equal(newKey, `whsec_${Buffer.from('secret-after-the-rotation').toString('base64')}`, 'the answer to a rotation carries the new key');
  await recordEvent('followup.completed', { taskId: crypto.randomUUID() });
  await relay();
  const [overlapping] = await eventually(() => (receivedOn('/rotating').length === 1 ? receivedOn('/rotating') : undefined), 10_000);
  const header = String(overlapping!.headers['x-signature']);
  t.equal(header.split(',').filter((part) => part.startsWith('v1=')).length, 2, 'two v1 signatures');
  t.ok(verifyWebhook(overlapping!.rawBody, header, 'secret-after-the-rotation'), 'the new secret verifies');
  t.ok(verifyWebhook(overlapping!.rawBody, header, 'secret-before-the-rotation'), 'and so does the old one, while it is valid');
  t.equal(String(overlapping!.headers['webhook-signature']).split(' ').length, 2, 'two Standard Webhooks signatures');
  t.ok(verifiesByStandard(overlapping!, newKey), 'the new key verifies by the standard');
  t.ok(verifiesByStandard(overlapping!, oldKey), 'and so does the old one');

  t.equal((await rotate({ secret: 'secret-after-a-leak-rotation', previousSecretValidHours: 0 })).statusCode, 200);
  await recordEvent('followup.completed', { taskId: crypto.randomUUID() });
  await relay();
  const [, revoked] = await eventually(() => (receivedOn('/rotating').length === 2 ? receivedOn('/rotating') : undefined), 10_000);
  const after = String(revoked!.headers['x-signature']);
  t.equal(after.split(',').filter((part) => part.startsWith('v1=')).length, 1, 'one v1 signature');
  t.ok(verifyWebhook(revoked!.rawBody, after, 'secret-after-a-leak-rotation'));
  t.notOk(verifyWebhook(revoked!.rawBody, after, 'secret-after-the-rotation'), 'the revoked secret no longer verifies');
  t.ok(verifiesByStandard(revoked!, `whsec_${Buffer.from('secret-after-a-leak-rotation').toString('base64')}`));
  t.notOk(verifiesByStandard(revoked!, newKey), 'nor its Standard Webhooks key');
});

t.test('a receiver answering 500 once gets the event again, and the log shows both attempts', async (t) => {
  const id = await subscribe('/flaky', 'secret-of-a-flaky-receiver', ['followup.created']);
  receiver.script('/flaky', [500]);
  const eventId = await recordEvent('followup.created', { taskId: crypto.randomUUID() });
  await relay();
  const [delivery] = await eventually(async () => {
    const rows = await deliveriesOf(id);
    return rows[0]?.status === 'delivered' ? rows : undefined;
  }, 10_000);
  t.match(delivery, { attempts: 2, last_status_code: 200, last_error: null, event_id: eventId });
  t.ok(delivery!.delivered_at);
  const requests = receivedOn('/flaky');
  t.equal(requests.length, 2);
  t.same(requests.map((r) => r.headers['x-event-id']), [eventId, eventId], 'the same event id on the retry');
  t.ok(requests.every((r) => verifyWebhook(r.rawBody, String(r.headers['x-signature']), 'secret-of-a-flaky-receiver')));
  t.same(requests.map((r) => r.headers['webhook-id']), [eventId, eventId], 'the same webhook-id on the retry');
  t.ok(requests.every((r) => verifiesByStandard(r, standardKeys.get('/flaky')!)), 'each attempt verifiable by the standard');
});

t.test('after the last attempt a delivery is failed; a replay sends the same event again', async (t) => {
  const id = await subscribe('/down', 'secret-of-a-receiver-that-is-down', ['followup.overdue']);
  receiver.script('/down', [], 503);
  const eventId = await recordEvent('followup.overdue', { taskId: crypto.randomUUID() });
  await relay();
  const failed = await eventually(async () => {
    const response = await app.inject({ url: `/v1/webhook-subscriptions/${id}/deliveries?status=failed`, headers: admin });
    return response.json().items[0];
  }, 15_000);
  t.match(failed, { status: 'failed', attempts: 6, lastStatusCode: 503, lastError: 'the receiver answered HTTP 503', eventId, deliveredAt: null });
  t.equal(receivedOn('/down').length, 6, 'six attempts in all');

  receiver.script('/down', [], 200);
  const replay = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${failed.id}/replay`, headers: admin });
  t.equal(replay.statusCode, 202, replay.body);
  t.match(replay.json(), { status: 'pending', replays: 1 });
  const delivered = await eventually(async () => {
    const response = await app.inject({ url: `/v1/webhook-subscriptions/${id}/deliveries`, headers: admin });
    const item = response.json().items[0];
    return item.status === 'delivered' ? item : undefined;
  }, 10_000);
  t.match(delivered, { id: failed.id, attempts: 7, replays: 1, lastStatusCode: 200, eventId });
  const last = receivedOn('/down').at(-1)!;
  t.equal(last.headers['x-event-id'], eventId, 'the same event id, so the receiver can deduplicate');
  t.ok(verifyWebhook(last.rawBody, String(last.headers['x-signature']), 'secret-of-a-receiver-that-is-down'));
  t.equal(last.headers['webhook-id'], eventId);
  t.ok(verifiesByStandard(last, standardKeys.get('/down')!));
});

t.test('a bulk replay sends a range of failed deliveries again, once, under their event ids', async (t) => {
  const id = await subscribe('/bulk', 'secret-of-a-receiver-back-up', ['followup.due']);
  receiver.script('/bulk', [], 503);
  const eventIds = [await recordEvent('followup.due', { taskId: crypto.randomUUID() }), await recordEvent('followup.due', { taskId: crypto.randomUUID() })];
  await relay();
  await eventually(async () => ((await deliveriesOf(id)).every((d) => d.status === 'failed') ? true : undefined), 15_000);
  const failedPosts = receivedOn('/bulk').length;

  receiver.script('/bulk', [], 200);
  const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
  const replay = () => app.inject({ method: 'POST', url: `/v1/webhook-subscriptions/${id}/deliveries/replay`, headers: admin, payload: range });
  const first = await replay();
  t.equal(first.statusCode, 202, first.body);
  t.match(first.json(), { requeued: 2, more: false });
  t.equal((await replay()).json().requeued, 0, 'a repeat while they are queued again re-queues nothing');

  await eventually(async () => ((await deliveriesOf(id)).every((d) => d.status === 'delivered') ? true : undefined), 10_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const replayed = receivedOn('/bulk').slice(failedPosts);
  t.same(replayed.map((request) => request.headers['webhook-id']).sort(), [...eventIds].sort(), 'each event once, under its id');
  t.ok(replayed.every((request) => verifiesByStandard(request, standardKeys.get('/bulk')!)), 'signed afresh, verifiable');
  t.same((await deliveriesOf(id)).map((d) => d.replays), [1, 1]);
});

t.test('a receiver that cannot be reached is logged with the reason', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/webhook-subscriptions',
    headers: admin,
    payload: { url: 'http://127.0.0.1:9/nothing-listens', secret: 'secret-for-a-closed-port', events: ['followup.completed'] },
  });
  const id = response.json().id;
  await recordEvent('followup.completed', { taskId: crypto.randomUUID() });
  await relay();
  const row = await eventually(async () => (await deliveriesOf(id)).find((d) => d.attempts >= 1 && d.last_error !== null), 10_000);
  t.equal(row.last_status_code, null);
  t.match(row.last_error, /could not reach the receiver/);
});

t.test('the worker checks the address it connects to: a stored target outside the allowed networks is not sent to', async (t) => {
  // Stored directly, as a subscription made before the check existed (or under another setting) would be.
  const subscription = await createWebhookSubscription(db, personalData, { url: 'http://[::1]:9/stored-before', secret: 'secret-of-an-old-subscription', events: ['followup.due'], createdBy: 'test' });
  await recordEvent('followup.due', { taskId: crypto.randomUUID() });
  await relay();
  const row = await eventually(async () => (await deliveriesOf(subscription.id)).find((d) => d.attempts >= 1 && d.last_error !== null), 10_000);
  t.equal(row.last_status_code, null);
  t.match(row.last_error, /^not sent: ::1 is in the loopback range/);
});

t.test('an attempt counts when its POST goes out, so a worker dying before the answer cannot hide one', async (t) => {
  const slow = await startReceiver(t, { answerAfterMs: 1500 });
  const response = await app.inject({
    method: 'POST',
    url: '/v1/webhook-subscriptions',
    headers: admin,
    payload: { url: `${slow.url}/slow`, secret: 'secret-of-a-slow-receiver', events: ['followup.overdue'] },
  });
  const id = response.json().id;
  await recordEvent('followup.overdue', { taskId: crypto.randomUUID() });
  await relay();
  await eventually(() => (slow.received.length >= 1 ? true : undefined), 10_000);
  const [inFlight] = await deliveriesOf(id);
  t.match(inFlight, { status: 'pending', attempts: 1 }, 'counted while the receiver has not answered yet');
  const done = await eventually(async () => (await deliveriesOf(id)).find((d) => d.status === 'delivered'), 10_000);
  t.equal(done.attempts, 1, 'and counted once');
});
