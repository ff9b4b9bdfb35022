import t from 'tap';
import { eventually } from '@leadmatch/testing';
import { auth, buildTestApp, KEYS, problemOf } from './support.ts';

const RETRY_AFTER_SECONDS = 7;
const { app } = await buildTestApp(t, {
  loadShedding: { maxEventLoopDelayMs: 40, sampleIntervalMs: 100, retryAfterSeconds: RETRY_AFTER_SECONDS },
});

/** Keeps the event loop blocked most of the time, as a CPU-bound backlog would. */
function hogEventLoop(): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + 80;
    while (performance.now() < until);
  }, 1);
  return () => clearInterval(timer);
}

const listLeads = () => app.inject({ url: '/v1/leads', headers: auth(KEYS.crm) });

t.test('an overloaded process refuses quickly with 503 and Retry-After, then recovers', async (t) => {
  const answering = async () => ((await listLeads()).statusCode === 200 ? true : undefined);
  t.ok(await eventually(answering), 'answers once the load of starting up has passed');

  const release = hogEventLoop();
  let refused;
  try {
    refused = await eventually(async () => {
      const response = await listLeads();
      return response.statusCode === 503 ? response : undefined;
    });
    t.equal((await app.inject({ url: '/health/live' })).statusCode, 200, 'liveness is answered while shedding');
    t.ok(app.isUnderPressure(), 'the process still counts as overloaded');
  } finally {
    release();
  }

  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.match(problemOf(refused), { type: '/problems/overloaded', title: 'Service unavailable', status: 503 });
  t.equal(refused.headers['retry-after'], String(RETRY_AFTER_SECONDS));
  t.equal(refused.headers['x-content-type-options'], 'nosniff', 'the refusal carries the security headers');

  t.ok(await eventually(answering), 'requests are served again once the loop is free');
});
