import { sql } from 'kysely';
import t from 'tap';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const withKey = (key: string, secret: string = KEYS.crm) => ({ ...auth(secret), 'idempotency-key': key });

async function leadsWithExternalId(externalId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from leads where external_id = ${externalId}`.execute(
    database.db,
  );
  return rows[0]!.n;
}

t.test('a repeated Idempotency-Key replays the first response', async (t) => {
  const body = validLead();
  const first = await post(app, body, withKey('idem-1'));
  t.equal(first.statusCode, 201);
  const again = await post(app, { ...body }, withKey('idem-1'));
  t.equal(again.statusCode, 201, 'the first status is replayed');
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.equal(again.headers.location, first.headers.location);
  t.same(again.json(), first.json());

  const reordered = Object.fromEntries(Object.entries(body).reverse());
  t.equal((await post(app, reordered, withKey('idem-1'))).statusCode, 201, 'key order does not matter');
});

t.test('the same key with a different body gets 422 and changes nothing', async (t) => {
  const body = validLead();
  const first = await post(app, body, withKey('idem-2'));
  const different = await post(app, { ...body, employees: 999 }, withKey('idem-2'));
  t.equal(different.statusCode, 422);
  t.match(problemOf(different), { type: '/problems/idempotency-key-reused', status: 422 });
  const stored = await app.inject({ url: first.headers.location as string, headers: auth(KEYS.crm) });
  t.equal(stored.json().employees, body.employees);
});

t.test('keys belong to one API key', async (t) => {
  const mine = await post(app, validLead(), withKey('idem-3'));
  const theirs = await post(app, validLead(), withKey('idem-3', KEYS.otherCrm));
  t.equal(theirs.statusCode, 201);
  t.not(theirs.json().id, mine.json().id);
});

t.test('concurrent replays of one key make exactly one row', async (t) => {
  const body = validLead({ externalId: undefined });
  delete (body as Record<string, unknown>).externalId;
  const marker = `并发-${Date.now()}`;
  const responses = await Promise.all(
    Array.from({ length: 12 }, () => post(app, { ...body, notes: marker }, withKey('idem-concurrent'))),
  );
  t.ok(responses.every((r) => r.statusCode === 201), responses.map((r) => r.statusCode).join(','));
  t.equal(new Set(responses.map((r) => r.json().id)).size, 1, 'every replay names the same lead');
  t.equal(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true').length, 1, 'one request did the work');
  // Notes are sealed at rest, so the rows are counted by the company the body names.
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from leads where company_name = ${body.company.name}`.execute(database.db);
  t.equal(rows[0]!.n, 1);
});

t.test('an invalid body under a key stores nothing, so the key stays usable', async (t) => {
  const bad = await post(app, validLead({ uses: [] }), withKey('idem-4'));
  t.equal(bad.statusCode, 422);
  const body = validLead();
  t.equal((await post(app, body, withKey('idem-4'))).statusCode, 201);
  t.equal(await leadsWithExternalId(body.externalId), 1);
});
