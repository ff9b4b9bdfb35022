import t from 'tap';
import { Type } from 'typebox';
import { allJobTypes, InvalidJobPayloadError, JobHandlers, jobType, purgeExpired } from '../src/index.ts';
import { memoryLog } from './support/helpers.ts';

const greet = jobType({ name: 'test.greet', queue: 'test', payload: Type.Object({ who: Type.String() }) });
const ctx = { jobId: 'job-1', attempt: 1, log: memoryLog() };

t.test('assertComplete names every job type without a handler', async (t) => {
  const handlers = new JobHandlers().on(greet, async () => {});
  t.throws(() => handlers.assertComplete([greet, ...allJobTypes]), /no handler for job types: maintenance\.purge-expired, match\.lead/);
  handlers.on(purgeExpired, async () => {});
  t.doesNotThrow(() => handlers.assertComplete([greet, purgeExpired]));
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
  const handlers = new JobHandlers().on(purgeExpired, async () => {
    ran = true;
  });
  const error = await handlers
    .dispatch(purgeExpired.name, { idempotencyMaxAgeMs: 5, finishedJobMaxAgeMs: 60_000, extra: 1 }, ctx)
    .catch((err: unknown) => err);
  t.type(error, InvalidJobPayloadError);
  t.match((error as InvalidJobPayloadError).message, /idempotencyMaxAgeMs must be >= 60000/);
  t.match((error as InvalidJobPayloadError).message, /additional properties/);
  t.notOk(ran);
});

t.test('dispatch rejects a job nobody handles', async (t) => {
  await t.rejects(new JobHandlers().dispatch('test.unknown', {}, ctx), /no handler for job test\.unknown/);
});
