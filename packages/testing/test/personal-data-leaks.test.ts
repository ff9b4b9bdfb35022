import { randomUUID } from 'node:crypto';
import t from 'tap';
import { assertNoPersonalDataLeaks, FIXTURE_CONTACT_NAMES, personalDataLeaks } from '../src/personal-data-leaks.ts';

t.test('finds unmasked mobile numbers and fixture names', async (t) => {
  const leaking = [
    'called 13812345678 back',
    'called +8613812345678 back',
    'called 8613812345678 back',
    '{"level":30,"phone":"13812345678","msg":"lead"}',
    '{"level":30,"contactPhone":"+8619912345678"}',
    `{"msg":"lead from ${FIXTURE_CONTACT_NAMES[0]}"}`,
    '{"msg":"lead from 欧阳娜娜"}',
  ];
  for (const line of leaking) t.same(personalDataLeaks([line]), [line], line);
});

t.test('ignores masked data and numbers that only look like phones', async (t) => {
  const innocent = [
    '{"level":30,"phone":"138****5678","name":"张*","msg":"lead"}',
    '{"contact":{"name":"欧***","phone":"139****4321"}}',
    `{"reqId":"${randomUUID()}"}`,
    '{"id":"13812345-6789-4abc-8def-138123456789"}',
    '{"level":30,"time":1763722478123,"msg":"incoming request"}',
    `{"time":${Date.now()}}`,
    '{"responseTime":2.13812345678}',
    '{"phoneHash":"a13812345678f"}',
    '{"count":13812345678901}',
  ];
  t.same(personalDataLeaks(innocent), []);
});

t.test('takes the names to look for', async (t) => {
  t.same(personalDataLeaks(['Dear 赵六'], ['赵六']), ['Dear 赵六']);
  t.same(personalDataLeaks(['Dear 赵六'], []), []);
});

t.test('the teardown check throws naming the source and the leaking line', async (t) => {
  t.doesNotThrow(() => assertNoPersonalDataLeaks(['{"phone":"138****5678"}'], 'the api'));
  t.throws(() => assertNoPersonalDataLeaks(['ok', '{"phone":"13812345678"}'], 'the api'), {
    message: /1 log line\(s\) of the api .*\n\{"phone":"13812345678"\}$/,
  });
});
