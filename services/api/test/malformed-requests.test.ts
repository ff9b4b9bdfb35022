import { connect } from 'node:net';
import t from 'tap';
import { buildTestApp } from './support.ts';

/** Requests Node's HTTP parser refuses before any route sees them still get a problem document. */

const { app } = await buildTestApp(t);
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };

function rawRequest(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function problemIn(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { statusLine: head.split('\r\n')[0], head, problem: JSON.parse(body) as { type: string; status: number; detail: string } };
}

t.test('a path with raw, unencoded Chinese is a 400 problem that says how to encode it', async (t) => {
  const { statusLine, head, problem } = problemIn(await rawRequest(Buffer.from('GET /v1/parks?region=苏州 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')));
  t.equal(statusLine, 'HTTP/1.1 400 Bad Request');
  t.match(head, /content-type: application\/problem\+json/i);
  t.match(problem, { type: '/problems/malformed-request', status: 400, detail: /%E8%8B%8F%E5%B7%9E/ });
});

t.test('headers over the limit are a 431 problem', async (t) => {
  const huge = `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`;
  const { statusLine, problem } = problemIn(await rawRequest(Buffer.from(huge)));
  t.equal(statusLine, 'HTTP/1.1 431 Request Header Fields Too Large');
  t.match(problem, { type: '/problems/headers-too-large', status: 431 });
});
