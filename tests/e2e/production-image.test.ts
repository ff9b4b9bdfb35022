import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t, { type Test } from 'tap';
import { parse } from 'yaml';
import { eventually, pdfText, serviceUrl, testDatabase, uniqueName, validLead } from '@leadmatch/testing';
import { imageEnvironment, imageWorkdir, performImageSteps, type Stage } from '../support/dockerfile.ts';
import { ROOT, startService, type Launch, type RunningService } from '../support/process.ts';

// Two npm installs and a build, on a machine that runs other test files beside this one.
t.setTimeout(900_000);

const run = promisify(execFile);
const ADMIN_SECRET = 'an-admin-secret-long-enough';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The command as the image runs it: through its ENTRYPOINT (tini) where this machine has that binary. */
function launch(t: Test, image: Stage, command: string[]): Launch {
  const initAvailable = image.entrypoint.length > 0 && existsSync(image.entrypoint[0]!);
  if (!initAvailable) t.comment(`${image.entrypoint.join(' ')} is not installed here: running the command without the init`);
  return { argv: [...(initAvailable ? image.entrypoint : []), ...command], cwd: imageWorkdir(image) };
}

async function healthy(image: Stage, env: Record<string, string>, healthcheck: string[]): Promise<boolean> {
  const [command, ...args] = healthcheck;
  return run(command!, args, { cwd: imageWorkdir(image), env: { PATH: process.env.PATH ?? '', ...env } }).then(
    () => true,
    () => false,
  );
}

/** Waits until the health check passes, or fails with what the process printed. */
async function passesHealthcheck(service: RunningService, image: Stage, env: Record<string, string>, healthcheck: string[]) {
  await eventually(() => healthy(image, env, healthcheck), 180_000).catch((error: Error) => {
    throw new Error(`${error.message}; the process printed:\n${service.output.join('\n')}`);
  });
}

t.test("the production image's own steps give a service that starts, answers and stops", async (t) => {
  const redisUrl = serviceUrl(t, 'REDIS_URL');
  const database = await testDatabase(t);
  if (!redisUrl || !database.url) return;
  const workspace = await mkdtemp(join(tmpdir(), 'leadmatch-image-'));
  t.teardown(() => rm(workspace, { recursive: true, force: true }));

  const { image, skipped } = await performImageSteps(ROOT, workspace);
  t.comment(`steps only Docker can perform, not reproduced: ${skipped.join(' | ')}`);
  t.match(image.from, /^node:\d*[02468]-\w+-slim$/, 'the runtime stage is an LTS (even-numbered) Node on a slim base');
  const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
  const imageMajor = Number(/^node:(\d+)/.exec(image.from)![1]);
  t.ok(imageMajor >= Number(/(\d+)/.exec(engines)![1]), `node ${imageMajor} is within engines (${engines})`);
  t.equal(image.user, 'node', 'it runs as the unprivileged node user');
  t.equal(image.cmd[0], 'node', 'node is the process, not npm');
  const installed = join(imageWorkdir(image), 'node_modules');
  // unpdf reads PDFs back in tests: a devDependency of @leadmatch/testing, so the image leaves it out.
  for (const devOnly of ['tsx', 'tap', 'eslint', 'pino-pretty', 'unpdf']) t.notOk(existsSync(join(installed, devOnly)), `no ${devOnly} in the image`);
  for (const briefPart of ['pdfkit', 'fontkit', '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf']) t.ok(existsSync(join(installed, briefPart)), `${briefPart} is in the image`);

  const queuePrefix = uniqueName('image');
  const env = {
    ...imageEnvironment(image),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    API_KEYS: `admin:${ADMIN_SECRET}`,
    PII_KEY: 'ab'.repeat(32),
  };

  const apiEnv = { ...env, PORT: String(await freePort()) };
  const api = await startService(t, 'image: api', apiEnv, launch(t, image, image.cmd));
  await passesHealthcheck(api, image, apiEnv, image.healthcheck);
  t.pass("the image's HEALTHCHECK passes against the API");
  const headers = { authorization: `Bearer ${ADMIN_SECRET}` };
  const parks = await fetch(`http://127.0.0.1:${apiEnv.PORT}/v1/parks?limit=5`, { headers });
  t.equal(parks.status, 200, 'the built API answers an authenticated request');
  t.ok(((await parks.json()) as { items: unknown[] }).items.length > 0, 'from the seeded catalog');

  /** A brief from the built API, read back with pdf.js: a PDF whose Chinese text a reader can copy. */
  async function briefText(response: Response, what: string): Promise<string> {
    t.equal(response.status, 200, `${what}: 200`);
    t.equal(response.headers.get('content-type'), 'application/pdf', `${what}: a PDF`);
    const pdf = new Uint8Array(await response.arrayBuffer());
    t.ok(pdf.length > 10_000, `${what}: ${pdf.length} bytes`);
    const { pages, text } = await pdfText(pdf);
    t.ok(pages >= 1 && pages <= 2, `${what}: ${pages} page(s)`);
    return text.join('\n').replace(/\s+/g, '');
  }
  const { company: _company, contact: _contact, externalId: _externalId, ...needs } = validLead();
  const preview = await fetch(`http://127.0.0.1:${apiEnv.PORT}/v1/match/brief`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(needs),
  });
  const previewText = await briefText(preview, 'POST /v1/match/brief');
  for (const heading of ['选址建议书', '一、企业需求', '二、推荐园区', '三、资料来源']) t.ok(previewText.includes(heading), `the preview brief reads ${heading}`);

  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const worker = compose.services.worker as { command: string[]; healthcheck: { test: string[] } };
  const metricsPort = await freePort();
  const workerEnv = { ...env, METRICS_PORT: String(metricsPort) };
  const workerHealthcheck = worker.healthcheck.test.slice(1).map((word) => word.replace(':9464/', `:${metricsPort}/`));
  const workerProcess = await startService(t, 'image: worker', workerEnv, launch(t, image, worker.command));
  await passesHealthcheck(workerProcess, image, workerEnv, workerHealthcheck);
  t.pass("docker-compose's worker health check passes against the built worker");

  const created = await fetch(`http://127.0.0.1:${apiEnv.PORT}/v1/leads`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(validLead()),
  });
  t.equal(created.status, 201, 'a lead is recorded');
  const leadId = ((await created.json()) as { id: string }).id;
  const leadBrief = () => fetch(`http://127.0.0.1:${apiEnv.PORT}/v1/leads/${leadId}/brief`, { headers });
  await eventually(async () => (await leadBrief()).status === 200, 60_000);
  const leadText = await briefText(await leadBrief(), 'GET /v1/leads/:id/brief');
  t.ok(leadText.includes(`线索编号：${leadId}`), 'the brief of the lead the worker matched');

  t.equal((await api.stop('SIGTERM')).code, 0, 'the API stops cleanly on SIGTERM');
  t.equal((await workerProcess.stop('SIGTERM')).code, 0, 'the worker stops cleanly on SIGTERM');
});
