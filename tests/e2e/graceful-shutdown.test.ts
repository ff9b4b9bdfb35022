import { testDatabase } from '@leadmatch/testing';
import { sql } from 'kysely';
import t from 'tap';
import { listening, startService } from '../support/process.ts';

const API_KEYS = 'crm:shutdown-test-key';
const headers = { authorization: 'Bearer shutdown-test-key', 'content-type': 'application/json' };

function lead(i: number) {
  return {
    externalId: `SHUTDOWN-${i}`,
    company: { name: `停机测试公司${i}` },
    contact: { name: '测试', phone: '13800000000' },
    industry: '人工智能',
    uses: ['office'],
  };
}

t.test('SIGTERM stops accepting, finishes requests in flight, and loses none that were answered', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('PGlite cannot be shared with a separate process; this runs against DATABASE_URL');
    return;
  }
  const api = await startService(t, 'services/api/src/server.ts', {
    DATABASE_URL: database.url,
    API_KEYS,
    LOG_LEVEL: 'info',
  });
  const url = await listening(api);

  let firstAnswer!: () => void;
  const firstAnswered = new Promise<void>((resolve) => (firstAnswer = resolve));
  const burst = Array.from({ length: 300 }, (_, i) =>
    fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead(i)) }).then(
      (response) => {
        firstAnswer();
        return { status: response.status, externalId: `SHUTDOWN-${i}` };
      },
      () => ({ status: 0, externalId: `SHUTDOWN-${i}` }),
    ),
  );
  await firstAnswered;
  const stopping = api.stop('SIGTERM');
  const results = await Promise.all(burst);
  const { code } = await stopping;
  t.equal(code, 0, 'the process exits cleanly');

  const answered = results.filter((result) => result.status === 201).map((result) => result.externalId);
  t.ok(answered.length > 0, `${answered.length} requests were answered before the shutdown`);
  t.ok(
    results.every((result) => [0, 201, 503].includes(result.status)),
    'every other request was refused (503 or connection closed), none failed half way',
  );
  const { rows } = await sql<{ external_id: string }>`select external_id from leads`.execute(database.db);
  const stored = new Set(rows.map((row) => row.external_id));
  t.ok(answered.every((id) => stored.has(id)), 'every answered lead is stored');
  t.ok(api.output.some((line) => line.includes('shutting down')), 'the shutdown is logged');
});
