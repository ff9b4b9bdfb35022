import t from 'tap';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { bossJobId, storedJobs } from '@leadmatch/jobs';
import { deliverWebhook } from '@leadmatch/webhooks';
import { API_KEYS, auth, buildTestApp, KEYS, problemOf } from './support.ts';

const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const { app, database } = await buildTestApp(t, { config });
const personalData = personalDataFor(config.piiKey);
const admin = auth(KEYS.admin);
const SECRET = 'a-very-secret-value-1234';

const create = (payload: object, headers = admin) => app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers, payload });
const subscriptionCount = async () => (await database.db.selectFrom('webhook_subscriptions').select('id').execute()).length;

const storedSecrets = (id: string) =>
  database.db
    .selectFrom('webhook_subscriptions')
    .select(['secret', 'secret_sealed', 'previous_secret_sealed', 'previous_secret_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

t.test('an admin subscribes a URL; the secret never comes back', async (t) => {
  const created = await create({ url: 'https://crm.example.com/hooks', secret: SECRET, events: ['lead.matched', 'followup.due'] });
  t.equal(created.statusCode, 201, created.body);
  const body = created.json();
  t.match(body, { id: String, url: 'https://crm.example.com/hooks', events: ['lead.matched', 'followup.due'], active: true, secretHint: '****1234' });
  t.equal(created.headers.location, `/v1/webhook-subscriptions/${body.id}`);
  t.notOk(created.body.includes(SECRET), 'the secret is not in the answer');
  t.equal(body.standardWebhooksSecret, `whsec_${Buffer.from(SECRET).toString('base64')}`, 'only its Standard Webhooks key, to the one who just chose it');
  delete body.standardWebhooksSecret;

  const list = await app.inject({ url: '/v1/webhook-subscriptions', headers: admin });
  t.equal(list.statusCode, 200);
  t.equal(list.json().items.length, 1);
  t.notOk(list.body.includes(SECRET));
  const one = await app.inject({ url: `/v1/webhook-subscriptions/${body.id}`, headers: admin });
  t.same(one.json(), body);
  t.notOk(one.body.includes(SECRET));
  t.notOk(list.body.includes('whsec_') || one.body.includes('whsec_'), 'the key is never read back');

  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/webhook-subscriptions/${body.id}`,
    headers: admin,
    payload: { active: false, events: ['lead.suggestions_changed'], secret: 'another-secret-value-9876' },
  });
  t.equal(patched.statusCode, 200, patched.body);
  t.match(patched.json(), { active: false, events: ['lead.suggestions_changed'], secretHint: '****9876' });
  t.notOk(patched.body.includes('another-secret-value-9876'));
  t.equal(patched.json().standardWebhooksSecret, `whsec_${Buffer.from('another-secret-value-9876').toString('base64')}`, 'a new secret answers its key');
  const stored = await storedSecrets(body.id);
  t.equal(stored.secret, null, 'no plaintext at rest');
  t.equal(personalData.open('webhook_secret', stored.secret_sealed!), 'another-secret-value-9876', 'sealed, for the worker to sign with');
  t.equal(personalData.open('webhook_secret', stored.previous_secret_sealed!), SECRET, 'the old secret kept for the overlap');

  const deliveries = await app.inject({ url: `/v1/webhook-subscriptions/${body.id}/deliveries?status=failed&limit=10`, headers: admin });
  t.equal(deliveries.statusCode, 200, deliveries.body);
  t.same(deliveries.json(), { items: [], nextCursor: null });

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/webhook-subscriptions/${body.id}`, headers: admin })).statusCode, 204);
  t.equal((await app.inject({ url: `/v1/webhook-subscriptions/${body.id}`, headers: admin })).statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/webhook-subscriptions/${body.id}`, headers: admin })).statusCode, 404);
});

t.test('the secret is sealed at rest; a rotation keeps the old one valid for the overlap asked for', async (t) => {
  const { id } = (await create({ url: 'https://crm.example.com/rotate', secret: SECRET, events: ['lead.matched'] })).json();
  const sealed = await storedSecrets(id);
  t.equal(sealed.secret, null);
  t.notOk(sealed.secret_sealed!.includes(SECRET));
  t.equal(personalData.open('webhook_secret', sealed.secret_sealed!), SECRET);
  t.equal(sealed.previous_secret_sealed, null, 'nothing to overlap before a rotation');

  const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${id}`, headers: admin, payload });
  const before = Date.now();
  const rotated = await patch({ secret: 'second-secret-value-5555' });
  t.equal(rotated.statusCode, 200, rotated.body);
  const until = Date.parse(rotated.json().previousSecretValidUntil);
  t.ok(Math.abs(until - before - 24 * 3_600_000) < 60_000, 'the old secret stays valid for 24 hours by default');

  const twoHours = (await patch({ secret: 'third-secret-value-6666', previousSecretValidHours: 2 })).json();
  t.ok(Math.abs(Date.parse(twoHours.previousSecretValidUntil) - Date.now() - 2 * 3_600_000) < 60_000, 'or as long as asked');
  t.equal(personalData.open('webhook_secret', (await storedSecrets(id)).previous_secret_sealed!), 'second-secret-value-5555', 'the one just replaced');

  const revoked = await patch({ secret: 'fourth-secret-value-7777', previousSecretValidHours: 0 });
  t.match(revoked.json(), { secretHint: '****7777', previousSecretValidUntil: null });
  const afterRevoke = await storedSecrets(id);
  t.same([afterRevoke.previous_secret_sealed, afterRevoke.previous_secret_until], [null, null], '0 revokes the old one at once');

  const untouched = (await patch({ active: false })).json();
  t.equal(untouched.secretHint, '****7777', 'a patch without a secret leaves it alone');
  t.notOk('standardWebhooksSecret' in untouched, 'and answers no key');

  const alone = await patch({ previousSecretValidHours: 5 });
  t.equal(alone.statusCode, 422);
  t.match(problemOf(alone).errors, [{ pointer: '/previousSecretValidHours', message: 'applies only together with a new secret' }]);
  const tooLong = await patch({ secret: 'fifth-secret-value-88888', previousSecretValidHours: 169 });
  t.equal(tooLong.statusCode, 422);
  t.match(problemOf(tooLong).errors, [{ pointer: '/previousSecretValidHours' }]);
  t.equal(personalData.open('webhook_secret', (await storedSecrets(id)).secret_sealed!), 'fourth-secret-value-7777', 'refusals change nothing');
});

t.test('invalid subscriptions are refused field by field and write nothing', async (t) => {
  const before = await subscriptionCount();
  const bad = await create({ url: 'not a url', secret: 'short', events: [], extra: 1 });
  t.equal(bad.statusCode, 422);
  const problem = problemOf(bad);
  t.equal(problem.type, '/problems/validation-failed');
  const pointers = problem.errors!.map((error) => error.pointer).sort();
  t.same(pointers, ['/events', '/extra', '/secret', '/url']);
  t.match(problem.errors!.find((error) => error.pointer === '/secret'), { message: 'must be at least 16 characters' });

  const unknownEvent = await create({ url: 'https://crm.example.com/h', secret: SECRET, events: ['lead.created'] });
  t.equal(unknownEvent.statusCode, 422);
  t.match(problemOf(unknownEvent).errors, [{ pointer: '/events/0', message: /must be one of: lead\.matched, lead\.suggestions_changed, followup\.created/ }]);

  const ftp = await create({ url: 'ftp://crm.example.com/h', secret: SECRET, events: ['lead.matched'] });
  t.equal(ftp.statusCode, 422);
  t.match(problemOf(ftp).errors, [{ pointer: '/url', location: 'body', message: 'must be an http or https URL' }]);

  const long = await create({ url: 'https://crm.example.com/h', secret: 'x'.repeat(201), events: ['lead.matched'] });
  t.match(problemOf(long).errors, [{ pointer: '/secret', message: 'must be at most 200 characters' }]);
  const repeated = await create({ url: 'https://crm.example.com/h', secret: SECRET, events: ['lead.matched', 'lead.matched'] });
  t.match(problemOf(repeated).errors, [{ pointer: '/events' }]);

  t.equal(await subscriptionCount(), before, 'nothing was written');

  const ok = (await create({ url: 'https://crm.example.com/h', secret: SECRET, events: ['lead.matched'] })).json();
  const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${ok.id}`, headers: admin, payload });
  t.match(problemOf(await patch({ url: 'javascript:alert(1)' })).errors, [{ pointer: '/url' }]);
  t.match(problemOf(await patch({})).errors, [{ pointer: '/', message: 'must name at least one field' }]);
  t.match(problemOf(await patch({ active: 'no' })).errors, [{ pointer: '/active', message: 'must be a boolean' }]);
  const after = await database.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', ok.id).executeTakeFirstOrThrow();
  t.match(after, { url: 'https://crm.example.com/h', active: true }, 'refused patches change nothing');

  t.equal((await app.inject({ url: '/v1/webhook-subscriptions/not-a-uuid', headers: admin })).statusCode, 400);
  const badCursor = await app.inject({ url: `/v1/webhook-subscriptions/${ok.id}/deliveries?cursor=nope`, headers: admin });
  t.equal(badCursor.statusCode, 400);
  t.match(problemOf(badCursor).errors, [{ pointer: '/cursor', location: 'querystring' }]);
  const badStatus = await app.inject({ url: `/v1/webhook-subscriptions/${ok.id}/deliveries?status=lost`, headers: admin });
  t.equal(badStatus.statusCode, 400);
  t.equal((await app.inject({ url: `/v1/webhook-subscriptions/${crypto.randomUUID()}/deliveries`, headers: admin })).statusCode, 404);
  const replayNone = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${crypto.randomUUID()}/replay`, headers: admin });
  t.equal(replayNone.statusCode, 404);
});

t.test('only admins manage webhooks', async (t) => {
  const id = crypto.randomUUID();
  const requests = [
    { method: 'POST' as const, url: '/v1/webhook-subscriptions', payload: { url: 'https://x.example.com', secret: SECRET, events: ['lead.matched'] } },
    { method: 'GET' as const, url: '/v1/webhook-subscriptions' },
    { method: 'GET' as const, url: `/v1/webhook-subscriptions/${id}` },
    { method: 'PATCH' as const, url: `/v1/webhook-subscriptions/${id}`, payload: { active: false } },
    { method: 'DELETE' as const, url: `/v1/webhook-subscriptions/${id}` },
    { method: 'GET' as const, url: `/v1/webhook-subscriptions/${id}/deliveries` },
    { method: 'POST' as const, url: `/v1/webhook-deliveries/${id}/replay` },
    { method: 'POST' as const, url: `/v1/webhook-subscriptions/${id}/deliveries/replay`, payload: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' } },
  ];
  const before = await subscriptionCount();
  for (const request of requests) {
    for (const key of [KEYS.crm, KEYS.staff]) {
      const response = await app.inject({ ...request, headers: auth(key) });
      t.equal(response.statusCode, 403, `${request.method} ${request.url}`);
      t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
    t.equal((await app.inject(request)).statusCode, 401);
  }
  t.equal(await subscriptionCount(), before);
});

t.test('the delivery log pages by cursor, and a failed delivery can be replayed once', async (t) => {
  const { db } = database;
  const sub = (await create({ url: 'https://crm.example.com/log', secret: SECRET, events: ['lead.matched'] })).json();
  const lead = await db
    .insertInto('leads')
    .values({ owner_key: 'k', industry: 'x', uses: ['office'], regions: [], policy_interests: [] })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events = await db
    .insertInto('lead_events')
    .values([1, 2, 3].map((n) => ({ lead_id: lead.id, type: 'lead.matched', data: JSON.stringify({ n }) })))
    .returning('id')
    .execute();
  const deliveries = await db
    .insertInto('webhook_deliveries')
    .values(
      events.map((event, index) => ({
        subscription_id: sub.id,
        event_id: event.id,
        event_type: 'lead.matched',
        status: index === 0 ? ('failed' as const) : ('delivered' as const),
        attempts: index === 0 ? 6 : 1,
        last_status_code: index === 0 ? 500 : 200,
      })),
    )
    .returning('id')
    .execute();

  const first = await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}/deliveries?limit=2`, headers: admin });
  t.equal(first.statusCode, 200, first.body);
  t.equal(first.json().items.length, 2);
  t.type(first.json().nextCursor, 'string');
  const second = await app.inject({
    url: `/v1/webhook-subscriptions/${sub.id}/deliveries?limit=2&cursor=${first.json().nextCursor}`,
    headers: admin,
  });
  t.equal(second.json().items.length, 1);
  t.equal(second.json().nextCursor, null);
  const all = [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id).sort();
  t.same(all, deliveries.map((row) => row.id).sort(), 'every delivery once');

  const failed = await app.inject({ url: `/v1/webhook-subscriptions/${sub.id}/deliveries?status=failed`, headers: admin });
  t.match(failed.json().items, [{ id: deliveries[0]!.id, status: 'failed', attempts: 6, lastStatusCode: 500, eventId: events[0]!.id, eventType: 'lead.matched' }]);

  const replay = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${deliveries[0]!.id}/replay`, headers: admin });
  t.equal(replay.statusCode, 202, replay.body);
  t.match(replay.json(), { id: deliveries[0]!.id, status: 'pending', replays: 1, eventId: events[0]!.id });
  const again = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${deliveries[0]!.id}/replay`, headers: admin });
  t.equal(again.statusCode, 409, 'a pending delivery is not replayed twice');
  const delivered = await app.inject({ method: 'POST', url: `/v1/webhook-deliveries/${deliveries[1]!.id}/replay`, headers: admin });
  t.equal(delivered.statusCode, 409);
  const jobs = (await storedJobs(db, deliverWebhook)).map((job) => ({ id: job.id, payload: job.payload }));
  t.same(jobs, [{ id: bossJobId(`${deliveries[0]!.id}-replay-1`), payload: { deliveryId: deliveries[0]!.id } }], 'one job, ids only');
});

t.test('the OpenAPI document describes the webhook routes', async (t) => {
  const doc = (await app.inject({ url: '/docs/json' })).json();
  t.ok(doc.paths['/v1/webhook-subscriptions'].post);
  t.ok(doc.paths['/v1/webhook-deliveries/{id}/replay'].post);
  t.ok(doc.paths['/v1/webhook-subscriptions/{id}/deliveries/replay'].post);
  t.match(doc.paths['/v1/webhook-subscriptions'].post.description, /Deprecated: X-Event-Id and X-Signature/);
});

t.test('webhooks reach only public addresses: loopback, private, link-local and metadata targets are refused, in any spelling', async (t) => {
  const before = await subscriptionCount();
  const targets = [
    'http://127.0.0.1:6379/',
    'http://localhost:5432/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://10.0.0.5/hooks',
    'http://192.168.1.20/hooks',
    'http://100.64.0.1/hooks',
    'http://[fd00::1]/hooks',
    'http://0.0.0.0/hooks',
  ];
  for (const url of targets) {
    const response = await create({ url, secret: SECRET, events: ['lead.matched'] });
    t.equal(response.statusCode, 422, `${url}: ${response.body}`);
    t.match(problemOf(response).errors, [{ pointer: '/url', location: 'body', message: /must reach a public address/ }], url);
  }
  t.equal(await subscriptionCount(), before, 'nothing was written');

  const ok = (await create({ url: 'https://crm.example.com/ssrf', secret: SECRET, events: ['lead.matched'] })).json();
  const patched = await app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${ok.id}`, headers: admin, payload: { url: 'http://127.0.0.1:9/' } });
  t.equal(patched.statusCode, 422, 'a PATCH is checked as a POST is');
});

t.test('an operator can allow a network for an on-premises CRM', async (t) => {
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16' });
  const { app: onPremises } = await buildTestApp(t, { config });
  const post = (url: string) =>
    onPremises.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: admin, payload: { url, secret: SECRET, events: ['lead.matched'] } });
  t.equal((await post('http://10.20.3.4/hooks')).statusCode, 201, 'inside the allowed network');
  t.equal((await post('http://10.21.0.1/hooks')).statusCode, 422, 'outside it');
  t.equal((await post('http://127.0.0.1/hooks')).statusCode, 422, 'loopback stays refused');
  t.throws(() => loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/99' }), /WEBHOOK_ALLOWED_NETWORKS must be networks in CIDR notation/);
});
