import t from 'tap';
import { bossJobId, storedJobs } from '@leadmatch/jobs';
import { deliverWebhook } from '@leadmatch/webhooks';
import { auth, buildTestApp, KEYS, problemOf } from './support.ts';

const { app, database } = await buildTestApp(t);
const { db } = database;
const admin = auth(KEYS.admin);
const MINUTE = 60_000;
const T = new Date('2026-11-30T12:00:00.000Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * MINUTE);

const { id: leadId } = await db
  .insertInto('leads')
  .values({ owner_key: 'k', industry: 'x', uses: ['office'], regions: [], policy_interests: [] })
  .returning('id')
  .executeTakeFirstOrThrow();

async function subscribe(path: string): Promise<string> {
  const payload = { url: `https://crm.example.com/${path}`, secret: 'a-very-secret-value-1234', events: ['lead.matched'] };
  const response = await app.inject({ method: 'POST', url: '/v1/webhook-subscriptions', headers: admin, payload });
  return response.json().id;
}

type Status = 'pending' | 'delivered' | 'failed';

/** One delivery per entry, each of its own event, created at the minute given (relative to T). */
async function deliveries(subscriptionId: string, entries: [Status, number][]): Promise<string[]> {
  const events = await db
    .insertInto('lead_events')
    .values(entries.map(() => ({ lead_id: leadId, type: 'lead.matched', data: '{}' })))
    .returning('id')
    .execute();
  const rows = await db
    .insertInto('webhook_deliveries')
    .values(entries.map(([status, minute], index) => ({ subscription_id: subscriptionId, event_id: events[index]!.id, event_type: 'lead.matched', status, created_at: at(minute) })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

const replay = (subscriptionId: string, payload: object, headers = admin) =>
  app.inject({ method: 'POST', url: `/v1/webhook-subscriptions/${subscriptionId}/deliveries/replay`, headers, payload });
const range = (fromMinute: number, toMinute: number) => ({ from: at(fromMinute).toISOString(), to: at(toMinute).toISOString() });
const stateOf = async (ids: string[]) => {
  const rows = await db.selectFrom('webhook_deliveries').select(['id', 'status', 'replays']).where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((row) => row.id === id)).map((row) => `${row!.status}/${row!.replays}`);
};
const replayJobIds = async () => (await storedJobs(db, deliverWebhook)).map((job) => job.id).sort();

t.test('only the subscription’s failed deliveries created in [from, to) are queued again, once', async (t) => {
  const sub = await subscribe('range');
  const other = await subscribe('other');
  const [before, inRange1, delivered, inRange2, pending, atTo] = await deliveries(sub, [
    ['failed', -180],
    ['failed', -120],
    ['delivered', -90],
    ['failed', -60],
    ['pending', -30],
    ['failed', 0],
  ]);
  const [otherFailed] = await deliveries(other, [['failed', -120]]);

  const first = await replay(sub, range(-150, 0));
  t.equal(first.statusCode, 202, first.body);
  t.same(first.json(), { requeued: 2, deliveryIds: [inRange1, inRange2], more: false }, 'oldest first');
  t.same(await stateOf([before!, inRange1!, delivered!, inRange2!, pending!, atTo!]), ['failed/0', 'pending/1', 'delivered/0', 'pending/1', 'pending/0', 'failed/0'], 'from is in the range, to is not');
  t.same(await stateOf([otherFailed!]), ['failed/0'], 'another subscription is untouched');
  t.same(await replayJobIds(), [bossJobId(`${inRange1}-replay-1`), bossJobId(`${inRange2}-replay-1`)].sort(), 'one job each, new job ids');
  const enqueued = await db.selectFrom('webhook_deliveries').select('enqueued_at').where('id', 'in', [inRange1!, inRange2!]).execute();
  t.ok(enqueued.every((row) => row.enqueued_at !== null), 'marked enqueued');

  const again = await replay(sub, range(-150, 0));
  t.equal(again.statusCode, 202);
  t.same(again.json(), { requeued: 0, deliveryIds: [], more: false }, 'a delivery already queued again is not queued twice');
  t.same(await stateOf([inRange1!, inRange2!]), ['pending/1', 'pending/1']);
  t.equal((await replayJobIds()).length, 2, 'no new job');
});

t.test('at most 500 a call; more tells the caller to repeat the request', async (t) => {
  const sub = await subscribe('many');
  const ids = await deliveries(sub, Array.from({ length: 501 }, (_, index): [Status, number] => ['failed', -600 + index]));
  const first = (await replay(sub, range(-600, 0))).json();
  t.match(first, { requeued: 500, more: true });
  t.same(first.deliveryIds, ids.slice(0, 500), 'the oldest 500');
  const second = (await replay(sub, range(-600, 0))).json();
  t.same(second, { requeued: 1, deliveryIds: [ids[500]], more: false }, 'the repeat takes up the rest');
});

t.test('a bad range is refused naming the field, and changes nothing', async (t) => {
  const sub = await subscribe('refused');
  const [failed] = await deliveries(sub, [['failed', -10]]);
  const cases: [object, string, RegExp][] = [
    [range(0, -60), '/to', /must be after from/],
    [range(0, 0), '/to', /must be after from/],
    [range(-32 * 24 * 60, 0), '/to', /must be at most 31 days after from/],
    [{ to: at(0).toISOString() }, '/from', /must have required property|required/],
    [{ from: 'yesterday', to: at(0).toISOString() }, '/from', /date-time/],
    [{ ...range(-60, 0), status: 'failed' }, '/status', /.+/],
  ];
  for (const [payload, pointer, message] of cases) {
    const response = await replay(sub, payload);
    t.equal(response.statusCode, 422, JSON.stringify(payload));
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(problemOf(response), { type: '/problems/validation-failed', errors: [{ pointer, location: 'body', message }] }, JSON.stringify(payload));
  }
  t.equal((await replay(sub, { from: at(0).toISOString(), to: '2026-12-01' })).statusCode, 422, 'a date without a time is no date-time');
  t.same(await stateOf([failed!]), ['failed/0'], 'nothing was replayed');
});

t.test('an unknown subscription is a 404, a switched-off one a 409; only admins replay', async (t) => {
  t.equal((await replay(crypto.randomUUID(), range(-60, 0))).statusCode, 404);
  t.equal((await replay('not-a-uuid', range(-60, 0))).statusCode, 400);
  const sub = await subscribe('off');
  const [failed] = await deliveries(sub, [['failed', -10]]);
  await app.inject({ method: 'PATCH', url: `/v1/webhook-subscriptions/${sub}`, headers: admin, payload: { active: false } });
  const off = await replay(sub, range(-60, 0));
  t.equal(off.statusCode, 409);
  t.match(problemOf(off).detail, /switched off/);
  for (const key of [KEYS.crm, KEYS.staff]) t.equal((await replay(sub, range(-60, 0), auth(key))).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: `/v1/webhook-subscriptions/${sub}/deliveries/replay`, payload: range(-60, 0) })).statusCode, 401);
  t.same(await stateOf([failed!]), ['failed/0']);
});
