import { connect } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { createAjv, exampleProblem, Problem, PROBLEM_TYPES, STATUS_TITLES, type ProblemTypeEntry } from '@leadmatch/domain';
import { auth, buildTestApp, KEYS, validLead } from './support.ts';

/**
 * PROBLEM_TYPES is the one list of the problems the API answers with: the answers carry the type,
 * status and title it gives, and the OpenAPI document's problem answers are made from it.
 */

const entries: readonly ProblemTypeEntry[] = PROBLEM_TYPES;
const entryOf = (type: string, status: number) => entries.find((entry) => `/problems/${entry.type}` === type && entry.status === status);

t.test('the list: one entry per type and status, each example a Problem titled as the list says', async (t) => {
  const keys = entries.map((entry) => `${entry.type} ${entry.status}`);
  t.equal(new Set(keys).size, keys.length, 'no type is listed twice at one status');
  const validate = createAjv({ coerceTypes: false }).compile(Problem);
  for (const entry of entries) {
    const example = exampleProblem(entry);
    t.ok(validate(example), `the ${entry.type} example is a Problem`);
    t.match(example, { type: `/problems/${entry.type}`, status: entry.status, title: entry.title, detail: entry.example.detail });
    if (entry.title !== STATUS_TITLES[entry.status]) {
      t.ok(['malformed-request', 'request-timeout', 'headers-too-large'].includes(entry.type), `only the parser's refusals carry their reason phrase (${entry.type})`);
    }
  }
});

const { app } = await buildTestApp(t);

/** The answer is a problem the list has, with the list's title; for a fixed detail, the example's. */
function isListed(t: Test, response: LightMyRequestResponse, fixedDetail = false) {
  const problem = response.json() as { type: string; status: number; title: string; detail: string };
  const entry = entryOf(problem.type, response.statusCode);
  t.ok(entry, `${problem.type} at ${response.statusCode} is in PROBLEM_TYPES`);
  t.equal(problem.status, response.statusCode);
  t.equal(problem.title, entry?.title, 'titled as the list says');
  if (fixedDetail) t.equal(problem.detail, entry?.example.detail, 'with the detail of its example');
}

t.test('what the API answers is in the list', async (t) => {
  const admin = auth(KEYS.admin);
  const json = { ...admin, 'content-type': 'application/json' };
  isListed(t, await app.inject({ url: '/v1/nowhere', headers: admin }));
  isListed(t, await app.inject({ url: '/v1/leads' }), true);
  isListed(t, await app.inject({ method: 'POST', url: '/v1/carriers', headers: auth(KEYS.crm), payload: {} }));
  isListed(t, await app.inject({ url: '/v1/leads?limit=100000', headers: admin }));
  isListed(t, await app.inject({ method: 'POST', url: '/v1/leads', headers: admin, payload: validLead({ contact: { name: '张伟', phone: '123' } }) }));
  isListed(t, await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload: '{"company":' }), true);
  isListed(t, await app.inject({ method: 'POST', url: '/v1/leads', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'hello' }), true);
  isListed(t, await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload: JSON.stringify({ notes: 'x'.repeat(70_000) }) }), true);
  isListed(t, await app.inject({ method: 'POST', url: '/v1/leads', headers: json, payload: Buffer.from([0x7b, 0xff, 0x7d]) }), true);
  isListed(t, await app.inject({ url: `/v1/leads/${'0'.repeat(40)}`, headers: admin }));
});

t.test("a request Node's parser refuses is answered as the list says, status line included", async (t) => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from('GET /v1/parks?region=苏州 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const entry = entryOf('/problems/malformed-request', 400)!;
  t.equal(head.split('\r\n')[0], `HTTP/1.1 400 ${entry.title}`);
  t.same(JSON.parse(body), exampleProblem(entry), 'the body is exactly the example');
});

t.test('the OpenAPI problem answers are made from the list', async (t) => {
  const document = (await app.inject({ url: '/docs/json' })).json() as {
    components: { responses: Record<string, { description: string; content: Record<string, { examples: Record<string, { value: unknown }> }> }> };
  };
  const responses = Object.values(document.components.responses);
  t.ok(responses.length >= 10, `${responses.length} problem answers`);
  for (const response of responses) {
    const examples = Object.values(response.content['application/problem+json']!.examples).map((example) => example.value as { type: string; status: number });
    const status = examples[0]!.status;
    const listed = entries.filter((entry) => entry.status === status && entry.documented !== false);
    t.same(examples, listed.map(exampleProblem), `the ${status} answer has the example of each type the list gives ${status}`);
    for (const entry of listed) t.ok(response.description.includes(`/problems/${entry.type}`), `and names /problems/${entry.type}`);
  }
});
