import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse } from 'yaml';
import { ROOT } from './support/process.ts';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

t.test('docker-compose.yml runs postgres, redis, api and worker from our Dockerfile', async (t) => {
  const compose = parse(read('docker-compose.yml'), { merge: true });
  t.same(Object.keys(compose.services).sort(), ['api', 'postgres', 'redis', 'worker']);
  for (const name of ['api', 'worker']) {
    const service = compose.services[name];
    t.equal(service.build, '.', `${name} builds from the repository`);
    t.equal(service.command[0], 'node', `${name} runs node itself, so signals reach it`);
    const entry = service.command[1];
    const source = entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
    t.ok(existsSync(join(ROOT, source)), `${name} runs the build of ${source}, which exists`);
    t.ok(service.healthcheck.test.includes('scripts/healthcheck.mjs'), `${name} has a health check`);
    for (const variable of ['DATABASE_URL', 'REDIS_URL', 'API_KEYS', 'PII_KEY', 'NODE_ENV']) {
      t.ok(service.environment[variable], `${name} sets ${variable}`);
    }
    t.same(Object.keys(service.depends_on).sort(), ['postgres', 'redis']);
  }
  t.match(compose.services.api.environment.DATABASE_URL, /^postgres:\/\/\w+:\w+@postgres:5432\//);
});

t.test('the Dockerfile copies only what exists and starts the built API', async (t) => {
  const dockerfile = read('Dockerfile');
  const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1]!.split(/\s+/));
  t.ok(copied.length > 0);
  for (const path of copied) t.ok(existsSync(join(ROOT, path)), `${path} exists`);
  const workspaceRoots = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.map((glob) => glob.split('/')[0]!);
  for (const root of workspaceRoots) t.ok(copied.includes(root), `the image holds the ${root} workspaces`);
  t.match(dockerfile, /CMD \["node", "services\/api\/dist\/server\.js"\]/);
  t.match(dockerfile, /HEALTHCHECK .*\/healthcheck\.mjs/);
});
