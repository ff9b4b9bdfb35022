import t from 'tap';
import { Type } from 'typebox';
import { InvalidJobPayloadError, JobHandlers, jobType } from '../src/index.ts';
import { memoryLog } from './support/helpers.ts';

const greet = jobType({ name: 'test.greet', queue: 'test', payload: Type.Object({ who: Type.String() }) });
const purge = jobType({
  name: 'test.purge',
  queue: 'test',
  payload: Type.Object({ maxAgeMs: Type.Integer({ minimum: 60_000 }) }, { additionalProperties: false }),
});
const sweep = jobType({ name: 'test.sweep', queue: 'test', payload: Type.Object({}) });
const ctx = { jobId: 'job-1', attempt: 1, log: memoryLog() };

t.test('assertComplete names every job type without a handler', async (t) => {
  const handlers = new JobHandlers().on(greet, async () => {});
  t.throws(() => handlers.assertComplete([greet, purge, sweep]), /no handler for job types: test\.purge, test\.sweep/);
  handlers.on(purge, async () => {});
  t.doesNotThrow(() => handlers.assertComplete([greet, purge]));
});

t.test('a job type takes one handler only', async (t) => {
  const handlers = new JobHandlers().on(greet, async () => {});
  t.throws(() => handlers.on(greet, async () => {}), /already has a handler/);
});

t.test('dispatch runs the handler with a valid payload and its context', async (t) => {
  const seen: unknown[] = [];
  const handlers = new JobHandlers().on(greet, async (payload, context) => {
    seen.push(payload.who, context.jobId, context.attempt);
  });
  await handlers.dispatch(greet.name, { who: 'park' }, ctx);
  t.same(seen, ['park', 'job-1', 1]);
});

t.test('dispatch rejects an invalid payload without running the handler', async (t) => {
  let ran = false;
  const handlers = new JobHandlers().on(purge, async () => {
    ran = true;
  });
  const error = await handlers
    .dispatch(purge.name, { maxAgeMs: 5, extra: 1 }, ctx)
    .catch((err: unknown) => err);
  t.type(error, InvalidJobPayloadError);
  t.match((error as InvalidJobPayloadError).message, /maxAgeMs must be >= 60000/);
  t.match((error as InvalidJobPayloadError).message, /additional properties/);
  t.notOk(ran);
});

t.test('dispatch rejects a job nobody handles', async (t) => {
  await t.rejects(new JobHandlers().dispatch('test.unknown', {}, ctx), /no handler for job test\.unknown/);
});
