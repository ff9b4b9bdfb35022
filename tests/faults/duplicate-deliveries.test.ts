import { sql } from 'kysely';
import t from 'tap';
import { testDatabase } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';

/** How many times the CRM delivers one request at once: retries after timeouts that all land together. */
const DELIVERIES = 100;
const KEY = 'duplicate-deliveries-key';

interface Delivery {
  status: number;
  body: string;
  replayed: string | null;
  location: string | null;
}

let companies = 0;
/** Each lead its own company and phone, so none is taken for a duplicate of another by company. */
const lead = (externalId: string, employees = 120) => ({
  externalId,
  company: { name: `无锡重复投递精密机械${++companies}号有限公司` },
  contact: { name: '李雷', phone: `137${String(10_000_000 + companies)}` },
  industry: '精密机械制造',
  uses: ['production'],
  building: { area: 4000, unit: 'm2', tenure: 'rent' },
  employees,
  regions: ['无锡'],
});

t.test('a CRM delivering one lead 100 times at once, with one Idempotency-Key', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('a separate API process needs a shared Postgres server (DATABASE_URL)');
    return;
  }
  const api = await startService(t, 'services/api/src/server.ts', { DATABASE_URL: database.url, API_KEYS: `crm:${KEY}`, LOG_LEVEL: 'info' });
  const url = await listening(api);

  const deliver = async (idempotencyKey: string, body: object): Promise<Delivery> => {
    const response = await fetch(`${url}/v1/leads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const { status, headers } = response;
    return { status, body: await response.text(), replayed: headers.get('idempotent-replayed'), location: headers.get('location') };
  };
  const deliverAll = (deliveries: { key: string; body: object }[]) => Promise.all(deliveries.map(({ key, body }) => deliver(key, body)));
  const leadsWithExternalId = async (...externalIds: string[]) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from leads where external_id in (${sql.join(externalIds)})`.execute(
      database.db,
    );
    return rows[0]!.n;
  };
  const claims = async (key: string) =>
    (await database.db.selectFrom('idempotency_keys').select('lead_id').where('key', '=', key).execute()).length;

  await t.test('the same body 100 times: one lead, 100 identical responses', async (t) => {
    const body = lead('DUP-SAME');
    const responses = await deliverAll(Array.from({ length: DELIVERIES }, () => ({ key: 'dup-same', body })));
    const first = responses.find((response) => response.replayed === null)!;
    t.ok(first, 'one delivery did the work');
    t.equal(first.status, 201);
    t.same(new Set(responses.map((response) => response.status)), new Set([201]), 'every delivery gets the same status');
    t.equal(new Set(responses.map((response) => response.body)).size, 1, 'every delivery gets the same body, byte for byte');
    t.equal(new Set(responses.map((response) => response.location)).size, 1, 'and the same Location');
    t.equal(responses.filter((response) => response.replayed === 'true').length, DELIVERIES - 1, 'the others are marked as replays');
    t.equal(await leadsWithExternalId('DUP-SAME'), 1, 'exactly one lead is stored');
    t.equal(await claims('dup-same'), 1, 'and one claim of the key');

    const late = await deliver('dup-same', body);
    t.equal(late.body, first.body, 'a delivery after the burst replays it too');
    t.equal(late.replayed, 'true');
  });

  await t.test('the same key with another body is refused and writes nothing', async (t) => {
    const body = lead('DUP-CHANGED');
    const original = await deliver('dup-changed', body);
    t.equal(original.status, 201);
    const mixed = await deliverAll(
      Array.from({ length: DELIVERIES }, (_, i) => ({ key: 'dup-changed', body: i % 2 ? body : lead('DUP-CHANGED-OTHER', 999) })),
    );
    const refused = mixed.filter((_, i) => i % 2 === 0);
    const replays = mixed.filter((_, i) => i % 2 === 1);
    t.same(new Set(refused.map((response) => response.status)), new Set([422]), 'every changed body gets 422');
    t.match(JSON.parse(refused[0]!.body), { type: '/problems/idempotency-key-reused', status: 422 });
    t.ok(replays.every((response) => response.body === original.body && response.replayed === 'true'), 'the unchanged ones still replay');
    t.equal(await leadsWithExternalId('DUP-CHANGED-OTHER'), 0, 'the changed body stored no lead');
    const { employees } = await database.db.selectFrom('leads').select('employees').where('external_id', '=', 'DUP-CHANGED').executeTakeFirstOrThrow();
    t.equal(employees, 120, 'nor changed the stored one');
  });

  await t.test('two bodies race for one fresh key: one wins whole, the other is refused whole', async (t) => {
    const bodies = [lead('DUP-RACE-A'), lead('DUP-RACE-B')];
    const responses = await deliverAll(Array.from({ length: DELIVERIES }, (_, i) => ({ key: 'dup-race', body: bodies[i % 2]! })));
    const groups = [0, 1].map((parity) => responses.filter((_, i) => i % 2 === parity));
    const winner = groups.findIndex((group) => group.every((response) => response.status === 201));
    t.not(winner, -1, 'every delivery of one body is accepted');
    const accepted = groups[winner]!;
    const refused = groups[1 - winner]!;
    t.equal(new Set(accepted.map((response) => response.body)).size, 1, 'with one identical response');
    t.ok(refused.every((response) => response.status === 422), 'every delivery of the other body is refused');
    t.equal(await leadsWithExternalId('DUP-RACE-A', 'DUP-RACE-B'), 1, 'one lead in all');
    t.equal(await claims('dup-race'), 1);
  });

  t.equal((await api.stop('SIGTERM')).code, 0);
});
