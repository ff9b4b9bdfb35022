import t from 'tap';
import { auth, buildTestApp, KEYS, post, validLead } from './support.ts';

const { app } = await buildTestApp(t);

t.test('a CRM records a lead and reads it back, normalised', async (t) => {
  const body = validLead({
    land: { area: 2, unit: 'ha' },
    building: { area: 3, unit: 'mu', tenure: 'buy' },
    annualTax: { amount: 15_000_000, unit: 'cny' },
    industry: '積體電路設計與軟體',
    regions: ['蘇州', '上海'],
  });
  const created = await post(app, body);
  t.equal(created.statusCode, 201);
  const lead = created.json();
  t.equal(created.headers.location, `/v1/leads/${lead.id}`);
  t.match(lead, {
    externalId: body.externalId,
    status: 'pending',
    company: body.company,
    contact: { name: '张伟', phone: '+8613812345678', email: 'zhang.wei@example.com' },
    industry: '集成电路设计与软件',
    uses: ['production', 'rnd'],
    land: { m2: 20_000, mu: 30 },
    building: { m2: 2000, mu: 3, tenure: 'buy' },
    annualTax: { wanCny: 1500 },
    investment: { wanCny: 50_000 },
    employees: 200,
    regions: ['苏州', '上海'],
    policyInterests: ['financing'],
    notes: '希望年内投产',
    erasedAt: null,
  });

  const fetched = await app.inject({ url: `/v1/leads/${lead.id}`, headers: auth(KEYS.crm) });
  t.equal(fetched.statusCode, 200);
  t.same(fetched.json(), lead, 'GET returns what POST returned');
});

t.test('optional needs may be left out and come back as null', async (t) => {
  const { land, building, annualTax, investment, employees, regions, policyInterests, notes, externalId, ...minimal } =
    validLead();
  const created = await post(app, { ...minimal, company: { name: '某公司' }, contact: { name: 'Li Na', phone: '+85291234567' } });
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), {
    externalId: null,
    company: { name: '某公司', creditCode: null },
    contact: { phone: '+85291234567', email: null },
    land: null,
    building: null,
    annualTax: null,
    investment: null,
    employees: null,
    regions: [],
    policyInterests: [],
    notes: null,
  });
});

t.test('a repeated externalId for the same key updates the lead instead of adding one', async (t) => {
  const first = await post(app, validLead({ externalId: 'CRM-REPEAT' }));
  const second = await post(app, validLead({ externalId: 'CRM-REPEAT', industry: '医疗器械', employees: 80 }));
  t.equal(first.statusCode, 201);
  t.equal(second.statusCode, 200);
  t.equal(second.json().id, first.json().id);
  t.match(second.json(), { industry: '医疗器械', employees: 80 });
  const other = await post(app, validLead({ externalId: 'CRM-REPEAT' }), auth(KEYS.otherCrm));
  t.equal(other.statusCode, 201, 'another key may use the same externalId for its own lead');
  t.not(other.json().id, first.json().id);
});

t.test('concurrent posts of one externalId make one lead', async (t) => {
  const responses = await Promise.all(
    Array.from({ length: 8 }, (_, i) => post(app, validLead({ externalId: 'CRM-RACE', employees: i }))),
  );
  t.same(new Set(responses.map((r) => r.statusCode)), new Set([200, 201]));
  t.equal(responses.filter((r) => r.statusCode === 201).length, 1);
  t.equal(new Set(responses.map((r) => r.json().id)).size, 1);
});

t.test('listing pages through leads with a cursor and filters', async (t) => {
  const key = 'crm-secret-two';
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await post(app, validLead({ externalId: `PAGE-${i}` }), auth(key))).json().id);
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
    const page = await app.inject({ url: `/v1/leads?${query}`, headers: auth(key) });
    t.equal(page.statusCode, 200);
    const { items, nextCursor } = page.json();
    t.ok(items.length <= 2);
    seen.push(...items.map((lead: { id: string }) => lead.id));
    cursor = nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.ok(ids.every((id) => seen.includes(id)), 'every lead of this key appears');
  t.equal(new Set(seen).size, seen.length, 'no lead appears twice');

  const since = new Date(Date.now() + 60_000).toISOString();
  const none = await app.inject({ url: `/v1/leads?updatedSince=${encodeURIComponent(since)}`, headers: auth(key) });
  t.same(none.json().items, [], 'nothing changed in the future');
  const erased = await app.inject({ url: '/v1/leads?status=erased', headers: auth(key) });
  t.same(erased.json().items, []);
  const pending = await app.inject({ url: '/v1/leads?status=pending&limit=200', headers: auth(key) });
  t.ok(pending.json().items.every((lead: { status: string }) => lead.status === 'pending'));
});

t.test('a cursor the API did not issue is a 400 naming the cursor', async (t) => {
  const response = await app.inject({ url: '/v1/leads?cursor=not-a-cursor', headers: auth(KEYS.crm) });
  t.equal(response.statusCode, 400);
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(response.json().errors, [{ pointer: '/cursor', location: 'querystring' }]);
});

t.test('a lead may carry the GB/T 4754-2017 class it is registered under; an unknown code is refused and nothing is written', async (t) => {
  const created = await post(app, validLead({ industry: '螺杆空压机研发制造', industryCode: 'C3442' }));
  t.equal(created.statusCode, 201, created.body);
  t.match(created.json(), { industryCode: 'C3442', industryCodes: [] }, 'the classified codes come with its first match');

  const unknown = validLead({ industryCode: 'C3440' });
  const refused = await post(app, unknown);
  t.equal(refused.statusCode, 422);
  t.match(refused.json(), { type: '/problems/invalid-industry-code', errors: [{ pointer: '/industryCode', message: /"C3440" is not a GB\/T 4754-2017 class/ }] });
  const stored = await app.inject({ url: `/v1/leads?limit=100`, headers: auth(KEYS.crm) });
  t.notOk(stored.json().items.some((lead: { externalId: string }) => lead.externalId === unknown.externalId), 'nothing was written');
  t.equal((await post(app, validLead({ industryCode: 'C34' }))).statusCode, 422, 'a division is not a class');

  const id = created.json().id;
  const patch = (payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/v1/leads/${id}`, headers: auth(KEYS.crm), payload });
  t.equal((await patch({ industryCode: 'X0000' })).statusCode, 422);
  t.match((await patch({ industryCode: 'C3441' })).json(), { industryCode: 'C3441' });
  t.match((await patch({ industryCode: null })).json(), { industryCode: null });
});
