import fc from 'fast-check';
import t from 'tap';
import { changedTables } from './database-state.ts';
import { admin, created, refusalProblems, shorten, testNoPrototypePollution } from './support.ts';
import { writeFixtures } from './write-fixtures.ts';
import { bodiesFor, paramValue, urlFor } from './write-inputs.ts';

/**
 * Every write route, fed hostile bodies and path parameters by an admin key (allowed everywhere):
 * never a 5xx, every refusal is problem+json, and a refused request leaves every table of this
 * file's own database as it was. New write routes are fuzzed without being named here.
 */

t.setTimeout(110_000);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NUM_RUNS = 30;

const { app, routes, realIds, validBody, snapshot, quiet } = await writeFixtures(t);
const writeRoutes = routes.filter((route) => WRITE_METHODS.has(String(route.method)) && !route.url.startsWith('/docs'));

/** The counterexample (long strings cut short), and the seed and path that replay it in full. */
function failureReport(run: fc.RunDetails<[string[], string | undefined]>): string {
  return [
    `counterexample: ${JSON.stringify(run.counterexample, shorten)}`,
    `replay with { seed: ${run.seed}, path: "${run.counterexamplePath}" }`,
    String(run.errorInstance instanceof Error ? run.errorInstance.message : run.errorInstance).slice(0, 1000),
  ].join('\n');
}

t.ok(writeRoutes.length >= 20, `fuzzes every write route (${writeRoutes.length})`);

t.test('the snapshot sees a write', async (t) => {
  const before = await snapshot();
  await created(app, '/v1/staff', { name: '王芳', role: 'officer', active: true });
  t.match(changedTables(before, await snapshot()), [/^public\.staff: /]);
});

for (const route of writeRoutes) {
  const method = String(route.method) as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  const paramCount = route.url.match(/:[A-Za-z]+/g)?.length ?? 0;
  t.test(`${method} ${route.url}`, async (t) => {
    const property = fc.asyncProperty(
      fc.array(paramValue(realIds), { minLength: paramCount, maxLength: paramCount }),
      bodiesFor(validBody(route)),
      async (params, body) => {
        const before = await snapshot();
        const response = await app.inject({
          method,
          url: urlFor(route, params),
          headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: body }),
        });
        const problems = refusalProblems(response);
        if (response.statusCode >= 400) problems.push(...changedTables(before, await snapshot()));
        else await quiet();
        if (problems.length) {
          throw new Error(`${response.statusCode} ${response.body.slice(0, 300)}\n${problems.join('\n')}`);
        }
      },
    );
    const run = await fc.check(property, { numRuns: NUM_RUNS });
    t.notOk(run.failed, run.failed ? failureReport(run) : `${NUM_RUNS} hostile requests`);
  });
}

testNoPrototypePollution(t);
