import t from 'tap';
import { MAX_FIELD_ERRORS, MAX_POINTER_LENGTH } from '../src/problem.ts';
import { createAjv, fieldErrors, type ValidationIssue } from '../src/validation.ts';

const validate = createAjv().compile({
  type: 'object',
  properties: { items: { type: 'array', items: { type: 'integer' } } },
  additionalProperties: false,
});

function errorsFor(value: unknown) {
  validate(value);
  return fieldErrors((validate.errors ?? []) as ValidationIssue[], 'body');
}

t.test('a body with more bad fields than a problem lists gets the first MAX_FIELD_ERRORS', async (t) => {
  const errors = errorsFor({ items: Array.from({ length: MAX_FIELD_ERRORS + 50 }, (_, i) => `not a number ${i}`) });
  t.equal(errors.length, MAX_FIELD_ERRORS);
  t.same(errors[0], { pointer: '/items/0', location: 'body', message: 'must be an integer' });
});

t.test('a hostile key of any length names the field by a bounded pointer', async (t) => {
  const key = '键'.repeat(50_000);
  const [error] = errorsFor({ [key]: 1 });
  t.equal(error?.pointer.length, MAX_POINTER_LENGTH);
  t.ok(error?.pointer.startsWith(`/${'键'.repeat(10)}`));
  t.ok(error?.pointer.endsWith('…'), 'says it was cut short');
  t.equal(error?.message, 'is not a recognised field');
});

t.test('a short pointer is left whole', async (t) => {
  t.same(errorsFor({ extra: 1 }), [{ pointer: '/extra', location: 'body', message: 'is not a recognised field' }]);
});
