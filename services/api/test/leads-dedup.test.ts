import t from 'tap';
import { auth, buildTestApp, KEYS, post, problemOf, randomCreditCode, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);
const leadCount = async (company: string) =>
  (await database.db.selectFrom('leads').select('id').where('company_name', '=', company).execute()).length;

t.test('a POST of a company this key already has open answers 200 with that lead, its Location and duplicateOf', async (t) => {
  const body = validLead();
  const created = await post(app, body);
  t.equal(created.statusCode, 201);
  const lead = created.json();

  const again = await post(app, validLead({ company: body.company, contact: { name: '李四', phone: '13900000000' } }));
  t.equal(again.statusCode, 200);
  t.equal(again.headers.location, `/v1/leads/${lead.id}`);
  t.match(again.json(), { id: lead.id, contact: { name: '张伟' }, duplicateOf: { leadId: lead.id, matchedBy: 'creditCode' } });

  const byName = await post(app, validLead({ company: { name: `  ${body.company.name.replace('苏州', '蘇州')}（）` } }));
  t.equal(byName.statusCode, 200, byName.body);
  t.match(byName.json(), { id: lead.id, duplicateOf: { leadId: lead.id, matchedBy: 'companyAndPhone' } });
  t.equal(await leadCount(body.company.name), 1, 'nothing was created');
  t.notOk('duplicateOf' in created.json(), 'a created lead has no duplicateOf');

  const other = await post(app, validLead({ company: body.company }), auth(KEYS.otherCrm));
  t.equal(other.statusCode, 201, 'another key never learns of the lead');
  t.notOk('duplicateOf' in other.json());
});

t.test('the same company with another phone and no credit code is another lead', async (t) => {
  const name = `苏州独立科技有限公司 ${randomCreditCode()}`;
  const first = await post(app, validLead({ company: { name } }));
  const second = await post(app, validLead({ company: { name }, contact: { name: '张伟', phone: '13700000001' } }));
  t.same([first.statusCode, second.statusCode], [201, 201]);
});

t.test('concurrent POSTs of one company leave exactly one lead', async (t) => {
  const company = { name: `苏州并发生物科技有限公司 ${randomCreditCode()}`, creditCode: randomCreditCode() };
  const responses = await Promise.all(Array.from({ length: 16 }, () => post(app, validLead({ company }))));
  t.same(
    responses.map((response) => response.statusCode).sort(),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201],
  );
  t.equal(new Set(responses.map((response) => response.json().id)).size, 1, 'every answer names the one lead');
  t.equal(await leadCount(company.name), 1);
});

t.test('an Idempotency-Key replays a linked answer as it was', async (t) => {
  const body = validLead();
  await post(app, body);
  const headers = { ...auth(KEYS.crm), 'idempotency-key': `dup-${body.externalId}` };
  const repeat = validLead({ company: body.company });
  const first = await post(app, repeat, headers);
  const replay = await post(app, repeat, headers);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.same([first.statusCode, replay.statusCode], [200, 200]);
  t.same(replay.json(), first.json());
  t.match(replay.json(), { duplicateOf: { matchedBy: 'creditCode' } });
});

t.test('a PATCH that would make a second open lead of one company is a 409 naming the field', async (t) => {
  const taken = validLead();
  await post(app, taken);
  const mine = (await post(app, validLead())).json();
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/leads/${mine.id}`,
    headers: auth(KEYS.crm),
    payload: { company: taken.company },
  });
  t.equal(patched.statusCode, 409);
  t.match(problemOf(patched), { type: '/problems/duplicate-lead', errors: [{ pointer: '/company/creditCode' }] });
});
