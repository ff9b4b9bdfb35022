import t from 'tap';
import { sendEveryEdge } from './openapi-edges.ts';
import { openapiFixtures, FUZZ_SEED } from './openapi-fixtures.ts';
import { testNoPrototypePollution } from './support.ts';

/**
 * Every unusual text a format allows (a leap second, a `urn:uuid:` id …) and every extreme number, sent
 * once in every place of every operation of openapi.json that has that format or a number, by an admin
 * key (issue 14). The answers keep the rules of openapi-checks.ts: never a 5xx, every 4xx a Problem.
 */

t.setTimeout(120_000);
const fixtures = await openapiFixtures(t);
t.comment(`seed ${FUZZ_SEED} (FUZZ_SEED)`);

t.test('every format edge and extreme number in every place of every operation that has one', async (t) => {
  const { sent, failures } = await sendEveryEdge(fixtures, FUZZ_SEED);
  t.ok(sent > 500, `${sent} requests`);
  t.same(failures.slice(0, 10), [], `${failures.length} answers broke a rule (the first 10 shown)`);
});

testNoPrototypePollution(t);
