import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

const { app, database } = await buildTestApp(t);

async function leadCount(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from leads `.execute(
    database.db,
  );
  return rows[0]!.n;
}

async function expectInvalid(
  t: Test,
  body: unknown,
  expected: { pointer: string; message: RegExp }[],
  status = 422,
) {
  const before = await leadCount();
  const response = await post(app, body);
  t.equal(response.statusCode, status, response.body);
  t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  const problem = problemOf(response);
  t.match(problem, { type: '/problems/validation-failed', status, title: String, detail: String });
  for (const { pointer, message } of expected) {
    const error = problem.errors?.find((e) => e.pointer === pointer);
    t.ok(error, `names ${pointer}`);
    t.match(error?.message, message, `explains ${pointer}`);
  }
  t.equal(await leadCount(), before, 'nothing was written');
  return problem;
}

t.test('unknown fields are named', (t) =>
  expectInvalid(t, { ...validLead(), budget: 1, company: { name: 'x', ceo: 'y' } }, [
    { pointer: '/budget', message: /not a recognised field/ },
    { pointer: '/company/ceo', message: /not a recognised field/ },
  ]));

t.test('missing required fields are all listed at once', (t) =>
  expectInvalid(t, { company: {}, contact: { name: '王' } }, [
    { pointer: '/company/name', message: /required/ },
    { pointer: '/contact/phone', message: /required/ },
    { pointer: '/industry', message: /required/ },
    { pointer: '/uses', message: /required/ },
  ]));

t.test('wrong types', (t) =>
  expectInvalid(t, validLead({ employees: '200', uses: 'production', land: { area: '50', unit: 'mu' } }), [
    { pointer: '/employees', message: /must be an integer/ },
    { pointer: '/uses', message: /must be an array/ },
    { pointer: '/land/area', message: /must be a number/ },
  ]));

t.test('a bad phone number and a bad credit code', async (t) => {
  for (const phone of ['12345678901', '1381234567', '+861381234567', '+1 555', 'call me']) {
    await expectInvalid(t, validLead({ contact: { name: '张伟', phone } }), [
      { pointer: '/contact/phone', message: /mainland mobile number/ },
    ]);
  }
  for (const creditCode of ['9144030071526726XA', '91440300715267', 'I144030071526726XG']) {
    await expectInvalid(t, validLead({ company: { name: '某公司', creditCode } }), [
      { pointer: '/company/creditCode', message: /check character/ },
    ]);
  }
});

t.test('negative, zero and absurd areas and amounts', (t) =>
  expectInvalid(
    t,
    validLead({
      land: { area: 200_000, unit: 'mu' },
      building: { area: -5, unit: 'm2', tenure: 'rent' },
      annualTax: { amount: 2e12, unit: 'cny' },
      investment: { amount: -1, unit: 'wan_cny' },
    }),
    [
      { pointer: '/land/area', message: /at most 100000/ },
      { pointer: '/building/area', message: /greater than 0/ },
      { pointer: '/annualTax/amount', message: /at most/ },
      { pointer: '/investment/amount', message: /at least 0/ },
    ],
  ));

t.test('an area limit follows its unit', async (t) => {
  await expectInvalid(t, validLead({ land: { area: 10_000, unit: 'ha' } }), [{ pointer: '/land/area', message: /at most 6666\b/ }]);
  const fine = await post(app, validLead({ land: { area: 6000, unit: 'ha' } }));
  t.equal(fine.statusCode, 201, 'just under the limit in hectares is accepted');
});

t.test('unknown units, uses, tenures and policy interests', (t) =>
  expectInvalid(
    t,
    validLead({
      land: { area: 5, unit: 'acre' },
      building: { area: 5, unit: 'm2', tenure: 'lease' },
      uses: ['production', 'mining'],
      policyInterests: ['free-lunch'],
    }),
    [
      { pointer: '/land/unit', message: /one of: mu, m2, ha/ },
      { pointer: '/building/tenure', message: /one of: rent, buy, build, any/ },
      { pointer: '/uses/1', message: /one of: production/ },
      { pointer: '/policyInterests/0', message: /one of: financing/ },
    ],
  ));

t.test('strings and arrays over their limits, blank strings and repeats', (t) =>
  expectInvalid(
    t,
    validLead({
      company: { name: 'x'.repeat(201) },
      industry: '   ',
      notes: 'n'.repeat(4001),
      regions: Array.from({ length: 21 }, (_, i) => `城市${i}`),
      uses: ['rnd', 'rnd'],
    }),
    [
      { pointer: '/company/name', message: /at most 200 characters/ },
      { pointer: '/industry', message: /empty or blank/ },
      { pointer: '/notes', message: /at most 4000 characters/ },
      { pointer: '/regions', message: /at most 20 items/ },
      { pointer: '/uses', message: /repeat/ },
    ],
  ));

t.test('malformed JSON is a 400', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/leads',
    headers: { ...auth(KEYS.crm), 'content-type': 'application/json' },
    payload: '{"company": {"name": "x"},',
  });
  t.equal(response.statusCode, 400);
  t.match(problemOf(response), { type: '/problems/malformed-json', status: 400 });
});

t.test('a wrong content type is a 415', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/leads',
    headers: { ...auth(KEYS.crm), 'content-type': 'text/plain' },
    payload: JSON.stringify(validLead()),
  });
  t.equal(response.statusCode, 415);
  t.match(problemOf(response), { type: '/problems/unsupported-media-type', status: 415 });
});

t.test('a body over 64 KiB is a 413', async (t) => {
  const before = await leadCount();
  const response = await post(app, validLead({ notes: 'x'.repeat(70 * 1024) }));
  t.equal(response.statusCode, 413);
  t.match(problemOf(response), { type: '/problems/body-too-large', status: 413 });
  t.equal(await leadCount(), before);
});

t.test('a lead id that is not a UUID is a 400 naming the parameter', async (t) => {
  const response = await app.inject({ url: '/v1/leads/42', headers: auth(KEYS.crm) });
  t.equal(response.statusCode, 400);
  t.match(problemOf(response).errors, [{ pointer: '/id', location: 'params', message: /uuid/ }]);
});

t.test('an unknown route is a problem too', async (t) => {
  const response = await app.inject({ url: '/v1/nothing', headers: auth(KEYS.crm) });
  t.equal(response.statusCode, 404);
  t.match(problemOf(response), { type: '/problems/not-found', status: 404 });
});
