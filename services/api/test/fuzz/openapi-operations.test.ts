import t from 'tap';
import { document, EXCLUDED, FUZZED_METHODS, operations, unhandled } from './openapi-document.ts';

/**
 * The OpenAPI fuzz (openapi-random-requests.test.ts, openapi-format-edges.test.ts) reads openapi.json
 * whole: every operation it documents is fuzzed, or excluded with a reason.
 */

t.test('openapi.json is read whole: every operation is fuzzed or excluded with a reason', async (t) => {
  t.same(unhandled, [], 'no operation uses a method the fuzz does not send');
  for (const key of Object.keys(EXCLUDED)) t.ok(operations.every((operation) => operation.key !== key) && key.split(' ')[1]! in document.paths, `${key} is excluded: ${EXCLUDED[key]}`);
  const documented = Object.values(document.paths).flatMap((item) => Object.keys(item).filter((name) => (FUZZED_METHODS as readonly string[]).includes(name))).length;
  t.equal(operations.length + Object.keys(EXCLUDED).length, documented, `${operations.length} operations fuzzed`);
  t.ok(operations.length >= 60, `openapi.json has the operations it is known to have (${operations.length})`);
});
