import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import t, { type Test } from 'tap';
import { readyForNextPage } from '../src/pages.ts';
import { sendTable, type Table } from '../src/api/send-table.ts';

/** sendTable over a real socket: what a client sees when an export fails midway or when it goes away. */

interface Row {
  n: number;
  text: string;
}

const columns: Table<Row>['columns'] = [
  { header: '序号 No.', value: (row) => row.n },
  { header: '文本 Text', value: (row) => row.text },
];

async function server(t: Test, rows: Table<Row>['rows'], format: 'csv' | 'xlsx' = 'csv') {
  const lines: { level: number; msg: string; rows?: number; err?: { message: string } }[] = [];
  const app: FastifyInstance = Fastify({ forceCloseConnections: true, logger: { level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } } });
  app.get('/export', (request, reply) => sendTable(request, reply, { rows, columns, format, sheetName: 'Rows', fileName: { ascii: 'rows', zh: '行' } }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/export`, lines };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i += 1) await sleep(25);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

t.test('a failure after the first row breaks the download and is logged', async (t) => {
  const { url, lines } = await server(t, async function* () {
    yield { n: 1, text: 'a' };
    yield { n: 2, text: 'b' };
    throw new Error('the database went away');
  });
  // The headers may or may not have left before the failure: either way the client gets an error, never a complete-looking file.
  await t.rejects(fetch(url).then((response) => response.text()), 'the download fails');
  await until(() => lines.some((line) => line.msg === 'export failed after its first row'), 'the error log');
  const logged = lines.find((line) => line.msg === 'export failed after its first row')!;
  t.equal(logged.level, 50, 'logged as an error');
  t.equal(logged.err?.message, 'the database went away');
});

t.test('a failure on the first page answers with an error status, nothing streamed', async (t) => {
  const { url } = await server(t, async function* () {
    const rows: Row[] = await Promise.reject(new Error('no database'));
    yield* rows;
  });
  const response = await fetch(url);
  t.equal(response.status, 500);
  t.notOk(response.headers.get('content-disposition'), 'no attachment');
});

t.test('the client going away stops the reads at the next page', async (t) => {
  let pages = 0;
  let stopped = false;
  const { url, lines } = await server(
    t,
    async function* (output) {
      try {
        for (;;) {
          await readyForNextPage(output);
          await sleep(1); // a page's queries
          pages += 1;
          for (let n = 0; n < 1000; n += 1) yield { n, text: 'x'.repeat(200) };
        }
      } finally {
        stopped = true;
      }
    },
    'xlsx',
  );
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  await reader.read();
  controller.abort();
  await until(() => stopped, 'the reads to stop');
  const at = pages;
  await sleep(200);
  t.equal(pages, at, 'no page is read after that');
  t.ok(pages < 1000, `${pages} pages read in all`);
  await until(() => lines.some((line) => line.msg === 'export stopped: the client went away'), 'the log line');
  t.notOk(lines.some((line) => line.level >= 50), 'a client going away is not an error');
});
