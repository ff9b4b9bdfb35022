import t from 'tap';
import { catalogVersion } from '@leadmatch/catalog';
import { eventually, testDatabase } from '@leadmatch/testing';
import { startService, type RunningService } from '../../../tests/support/process.ts';

const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;
const CONCURRENT_REQUESTS = 40;

t.setTimeout(120_000);

/** The pid of each JSON log line with this message, in order; pino writes the pid on every line. */
function pidsLogging(service: RunningService, message: string): number[] {
  return service.output.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { pid?: number; msg?: string };
      return entry.msg === message && entry.pid !== undefined ? [entry.pid] : [];
    } catch {
      return [];
    }
  });
}

/** Sends requests at once (so on several connections) and returns the pids that logged answering them. */
async function pidsAnswering(service: RunningService, url: string): Promise<Set<number>> {
  const answeredBefore = pidsLogging(service, 'request completed').length;
  const statuses = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, async () => (await fetch(`${url}/health/live`)).status));
  if (statuses.some((status) => status !== 200)) throw new Error(`not every request was answered 200: ${statuses.join(' ')}`);
  await eventually(() => pidsLogging(service, 'request completed').length >= answeredBefore + CONCURRENT_REQUESTS, 5_000);
  return new Set(pidsLogging(service, 'request completed').slice(answeredBefore));
}

t.test('API_PROCESSES=2: two processes answer on one port, one that dies is replaced, SIGTERM closes all with 0', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('PGlite cannot be shared between processes; this runs against DATABASE_URL');
    return;
  }
  const api = await startService(t, 'services/api/src/server.ts', { DATABASE_URL: database.url, API_PROCESSES: '2', LOG_LEVEL: 'info' });
  await api.waitFor(/"msg":"2 API processes listening on one port"/);
  const url = LISTENING.exec(await api.waitFor(LISTENING))![1]!;
  t.equal(await catalogVersion(database.db), 1, 'the primary seeded the fresh catalog once, before forking');

  const servers = await pidsAnswering(api, url);
  t.equal(servers.size, 2, `requests were answered by two processes (${[...servers].join(', ')})`);
  t.notOk(servers.has(api.child.pid!), 'the primary serves none itself');

  const [victim] = servers;
  process.kill(victim!, 'SIGKILL');
  await api.waitFor(/an API process exited unexpectedly; starting another/);
  await eventually(() => api.output.filter((line) => LISTENING.test(line)).length === 3, 60_000);
  t.equal((await fetch(`${url}/health/live`)).status, 200, 'a replacement listens');

  const { code } = await api.stop('SIGTERM');
  t.equal(code, 0, 'SIGTERM ends the primary with 0');
  const closed = new Set(pidsLogging(api, 'shutting down: no new requests, finishing those in flight'));
  t.equal(closed.size, 2, 'both processes still running closed gracefully');
  t.notOk(closed.has(victim!), 'the killed one is not among them');
  t.ok(api.output.some((line) => line.includes('every API process has exited')), 'the primary waited for them');
});
