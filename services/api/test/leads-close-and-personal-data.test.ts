import { sql } from 'kysely';
import t from 'tap';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { API_KEYS, auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const { db } = database;
const close = (id: string, payload: object, secret: string = KEYS.crm) =>
  app.inject({ method: 'POST', url: `/v1/leads/${id}/close`, headers: auth(secret), payload });
const reopen = (id: string, secret: string = KEYS.crm) => app.inject({ method: 'POST', url: `/v1/leads/${id}/reopen`, headers: auth(secret) });

t.test('the database holds no phone digits, name or e-mail of a lead, which still reads back intact', async (t) => {
  const body = validLead({ contact: { name: '欧阳娜娜', phone: '139 8765 4321', email: 'Nana.Ouyang@Example.com' } });
  const created = await post(app, body, { ...auth(KEYS.crm), 'idempotency-key': 'pd-1' });
  t.equal(created.statusCode, 201);
  const { id } = created.json();
  const raw = await sql<{ row: string }>`select row_to_json(l)::text as row from leads l where id = ${id}`.execute(db);
  const stored = await sql<{ row: string }>`select row_to_json(k)::text as row from idempotency_keys k where lead_id = ${id}`.execute(db);
  for (const secret of ['13987654321', '欧阳娜娜', 'nana.ouyang']) {
    t.notMatch(raw.rows[0]!.row, secret, `the lead row holds no ${secret}`);
    t.notMatch(stored.rows[0]!.row, secret, `the stored response holds no ${secret}`);
  }
  const read = await app.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.crm) });
  t.match(read.json(), { contact: { name: '欧阳娜娜', phone: '+8613987654321', email: 'nana.ouyang@example.com' } });
  const replay = await post(app, body, { ...auth(KEYS.crm), 'idempotency-key': 'pd-1' });
  t.same(replay.json(), created.json(), 'the sealed stored response replays intact');
});

t.test('notes and close notes, where officers type phone numbers, are sealed at rest and read back intact', async (t) => {
  const body = validLead({ notes: '联系人备用手机 13700001234，周三来访' });
  const { id } = (await post(app, body)).json();
  t.equal((await close(id, { outcome: 'lost', note: '客户改用 13700005678 联系' })).statusCode, 200);
  const raw = await sql<{ row: string }>`select row_to_json(l)::text as row from leads l where id = ${id}`.execute(db);
  t.notMatch(raw.rows[0]!.row, /1370000/, 'no digits of either note in the row');
  t.match((await app.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.crm) })).json(), {
    notes: '联系人备用手机 13700001234，周三来访',
    closeNote: '客户改用 13700005678 联系',
  });
  const patched = await app.inject({ method: 'PATCH', url: `/v1/leads/${id}`, headers: auth(KEYS.crm), payload: { notes: '改为 13700009999' } });
  t.equal(patched.statusCode, 200, patched.body);
  const after = await db.selectFrom('leads').select(['notes', 'notes_sealed']).where('id', '=', id).executeTakeFirstOrThrow();
  t.equal(after.notes, null);
  t.notMatch(after.notes_sealed!, /1370000/);
});

const secondConnection = database.url ? false : 'an in-memory PGlite cannot be opened a second time; runs with DATABASE_URL';

t.test('an API that opens its own database seals, at boot, contact data stored in plaintext before', { skip: secondConnection }, async (t) => {
  const { id } = await db
    .insertInto('leads')
    .values({ owner_key: 'legacy', industry: '医疗器械', uses: ['production'], regions: [], policy_interests: [], contact_name: '王五', contact_phone: '+8613811112222', contact_email: 'w@example.com' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', DATABASE_URL: database.url });
  const { buildApp } = await import('../src/app.ts');
  const booted = await buildApp({ config });
  t.teardown(() => booted.close());
  await booted.ready();
  const row = await db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  t.match(row, { contact_name: null, contact_phone: null, contact_email: null, contact_name_sealed: /^v1\./ });
  t.equal(personalDataFor(config.piiKey).open('contact_phone', row.contact_phone_sealed!), '+8613811112222');
  const read = await booted.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.admin) });
  t.match(read.json(), { contact: { name: '王五', phone: '+8613811112222' } });
});

t.test('closing records the outcome, frees the company for a new lead, and reopening undoes it', async (t) => {
  const body = validLead();
  const { id } = (await post(app, body)).json();
  const closed = await close(id, { outcome: 'won', note: '已签约' });
  t.equal(closed.statusCode, 200, closed.body);
  t.match(closed.json(), { id, outcome: 'won', closeNote: '已签约', closedAt: /^\d{4}-/ });
  t.match((await app.inject({ url: `/v1/leads/${id}`, headers: auth(KEYS.crm) })).json(), { outcome: 'won' });

  const again = await close(id, { outcome: 'lost' });
  t.equal(again.statusCode, 409);
  t.match(problemOf(again), { type: '/problems/lead-closed' });

  const reopened = await reopen(id);
  t.equal(reopened.statusCode, 200, reopened.body);
  t.match(reopened.json(), { closedAt: null, outcome: null, closeNote: null });
  t.match(problemOf(await reopen(id)), { status: 409, type: '/problems/lead-open' });
  const withBody = await app.inject({ method: 'POST', url: `/v1/leads/${id}/reopen`, headers: auth(KEYS.crm), payload: { why: 1 } });
  t.equal(withBody.statusCode, 422, 'a body, when sent, must be empty');

  await close(id, { outcome: 'withdrawn' });
  const fresh = await post(app, { ...body, externalId: undefined });
  t.equal(fresh.statusCode, 201, 'a closed lead does not count for dedup');
  const clash = await reopen(id);
  t.equal(clash.statusCode, 409, 'reopening beside a new open lead of the company is refused');
  t.match(problemOf(clash), { type: '/problems/duplicate-lead' });
});

t.test('close is crm-own and admin, checks its body, and refuses an erased lead', async (t) => {
  const { id } = (await post(app, validLead())).json();
  t.equal((await close(id, { outcome: 'won' }, KEYS.otherCrm)).statusCode, 404, "another CRM's lead looks like none");
  t.equal((await close(id, { outcome: 'won' }, KEYS.staff)).statusCode, 403);
  const bad = await close(id, { outcome: 'maybe', extra: 1 });
  t.equal(bad.statusCode, 422);
  t.same(problemOf(bad).errors?.map((error) => error.pointer).sort(), ['/extra', '/outcome']);
  t.equal((await close(id, { outcome: 'lost', note: 'x'.repeat(2001) })).statusCode, 422, 'a note over its limit');

  await app.inject({ method: 'DELETE', url: `/v1/leads/${id}`, headers: auth(KEYS.crm) });
  const erased = await close(id, { outcome: 'won' }, KEYS.admin);
  t.equal(erased.statusCode, 409);
  t.match(problemOf(erased), { type: '/problems/lead-erased' });
  t.equal((await reopen(id)).statusCode, 409);
});
