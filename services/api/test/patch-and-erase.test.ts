import { sql } from 'kysely';
import t from 'tap';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const patch = (id: string, payload: unknown, contentType = 'application/merge-patch+json') =>
  app.inject({
    method: 'PATCH',
    url: `/v1/leads/${id}`,
    headers: { ...auth(KEYS.crm), 'content-type': contentType },
    payload: JSON.stringify(payload),
  });

t.test('PATCH replaces named needs, clears with null and leaves the rest', async (t) => {
  const lead = (await post(app, validLead())).json();
  const response = await patch(lead.id, {
    industry: '醫療器械',
    land: null,
    building: { area: 1, unit: 'ha', tenure: 'any' },
    notes: null,
    regions: ['無錫'],
  });
  t.equal(response.statusCode, 200, response.body);
  const updated = response.json();
  t.match(updated, {
    id: lead.id,
    industry: '医疗器械',
    land: null,
    building: { m2: 10_000, mu: 15, tenure: 'any' },
    notes: null,
    regions: ['无锡'],
    employees: lead.employees,
    contact: lead.contact,
  });
  t.ok(new Date(updated.updatedAt) >= new Date(lead.updatedAt));
  t.equal((await patch(lead.id, { employees: 3 }, 'application/json')).statusCode, 200, 'plain JSON is accepted too');
});

t.test('PATCH validates like POST and writes nothing when invalid', async (t) => {
  const lead = (await post(app, validLead())).json();
  const response = await patch(lead.id, { employees: -1, contact: { name: '李', phone: '123' }, nickname: 'x' });
  t.equal(response.statusCode, 422);
  const pointers = problemOf(response).errors?.map((e) => e.pointer);
  t.same(pointers?.sort(), ['/contact/phone', '/employees', '/nickname']);
  const empty = await patch(lead.id, {});
  t.equal(empty.statusCode, 422, 'an empty patch says nothing');
  const stored = await app.inject({ url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm) });
  t.same(stored.json(), lead, 'the lead is unchanged');
  t.equal((await patch('00000000-0000-4000-8000-000000000000', { employees: 1 })).statusCode, 404);
});

t.test('DELETE erases personal data and keeps an anonymous record', async (t) => {
  const body = validLead();
  const lead = (await post(app, body, { ...auth(KEYS.crm), 'idempotency-key': 'erase-me' })).json();
  const erased = await app.inject({ method: 'DELETE', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm) });
  t.equal(erased.statusCode, 204);

  const record = (await app.inject({ url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm) })).json();
  t.match(record, {
    id: lead.id,
    status: 'erased',
    contact: { name: null, phone: null, email: null },
    notes: null,
    industry: lead.industry,
    land: lead.land,
  });
  t.type(record.erasedAt, 'string');

  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from leads where id = ${lead.id}
      and (contact_name is not null or contact_phone is not null or contact_email is not null or notes is not null
        or contact_name_sealed is not null or contact_phone_sealed is not null or contact_email_sealed is not null
        or contact_phone_hash is not null)`.execute(
    database.db,
  );
  t.equal(rows[0]!.n, 0, 'no personal data is left in the row');
  const stored = await sql<{ n: number }>`select count(*)::int as n from idempotency_keys where lead_id = ${lead.id}`.execute(
    database.db,
  );
  t.equal(stored.rows[0]!.n, 0, 'stored responses repeating the contact are gone');

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm) })).statusCode, 204, 'erasing twice is harmless');
  const change = await patch(lead.id, { employees: 5 });
  t.equal(change.statusCode, 409);
  t.match(problemOf(change), { type: '/problems/lead-erased' });
  const repost = await post(app, body);
  t.equal(repost.statusCode, 409, 'the CRM cannot refill an erased lead through its externalId');
});
