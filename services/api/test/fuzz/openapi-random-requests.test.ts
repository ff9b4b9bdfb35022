import fc from 'fast-check';
import t from 'tap';
import { answerProblems, describe } from './openapi-checks.ts';
import { operations } from './openapi-document.ts';
import { FUZZ_RUNS, FUZZ_SEED, openapiFixtures } from './openapi-fixtures.ts';
import { MAX_URL_LENGTH, requests } from './openapi-requests.ts';
import { testNoPrototypePollution } from './support.ts';

/**
 * Every operation of the committed openapi.json, fuzzed from its own schemas by an admin key (issue 14):
 * path parameters (schema-valid, ids of real objects, hostile), query parameters (schema-valid, control
 * characters, lone surrogates, numbers out of range, overlong text, garbage cursors) and bodies (valid
 * from the schema or a real document, then one field replaced by a hostile value, a wrong type or a
 * number out of double range written as raw JSON). The answer is never a 5xx; every 4xx is a
 * problem+json document of the shape openapi.json gives `Problem`; a validation problem names its
 * fields; and a request carrying a character the API refuses is never accepted, and when refused as
 * invalid text the problem names where the character was (openapi-checks.ts). Every format edge and
 * extreme number is sent once in every place by openapi-format-edges.test.ts; that every operation is
 * fuzzed, openapi-operations.test.ts checks.
 *
 * Reproduce a failure with FUZZ_SEED=<the seed printed> (and FUZZ_RUNS to run more or fewer requests).
 */

t.setTimeout(120_000);
const fixtures = await openapiFixtures(t);
t.comment(`seed ${FUZZ_SEED} (FUZZ_SEED), ${FUZZ_RUNS} requests per operation (FUZZ_RUNS)`);

// Deletions come last in `operations`, so the other operations still find the real objects they are given.
for (const [index, operation] of operations.entries()) {
  t.test(operation.key, async (t) => {
    const seen = new Map<number, number>();
    const property = fc.asyncProperty(requests(fixtures, operation), async (sent) => {
      // Node's HTTP parser answers 431 for a request line past 16 KiB before the app sees it; longer URLs would test nothing real.
      if (sent.url.length > MAX_URL_LENGTH) throw new Error(`the generator made a ${sent.url.length}-character URL`);
      const response = await fixtures.app.inject({ method: sent.method, url: sent.url, headers: sent.headers, ...(sent.payload === undefined ? {} : { payload: sent.payload }) });
      seen.set(response.statusCode, (seen.get(response.statusCode) ?? 0) + 1);
      const problems = answerProblems(sent, response);
      if (problems.length) throw new Error(`${describe(sent)}\n→ ${response.statusCode} ${response.body.slice(0, 600)}\n${problems.join('\n')}`);
    });
    const seed = FUZZ_SEED + index;
    const run = await fc.check(property, { seed, numRuns: FUZZ_RUNS });
    const report = run.failed
      ? [`replay with FUZZ_SEED=${FUZZ_SEED} (this operation: { seed: ${run.seed}, path: "${run.counterexamplePath}" })`, String(run.errorInstance instanceof Error ? run.errorInstance.message : run.errorInstance)].join('\n')
      : `${FUZZ_RUNS} requests: ${[...seen].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`;
    t.notOk(run.failed, report);
  });
}

testNoPrototypePollution(t);
