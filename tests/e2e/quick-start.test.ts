import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { eventually } from '@leadmatch/testing';
import { listening, startService } from '../support/process.ts';

const lead = {
  externalId: 'QUICK-1',
  company: { name: '苏州示例医疗科技有限公司' },
  contact: { name: '陈静', phone: '13912345678' },
  industry: '醫療器械',
  uses: ['production'],
  land: { area: 20, unit: 'mu' },
};

t.test('npm start without database or Redis servers: Swagger UI, a lead in and out, kept across restarts', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'leadmatch-quick-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'info' };

  const first = await startService(t, 'services/all-in-one/src/main.ts', env);
  const url = await listening(first);
  await first.waitFor(/Prometheus metrics: /);
  const startup = (component: string) => first.output.find((line) => line.includes(`"component":"${component}"`)) ?? '';
  t.match(startup('database'), /"mode":"pglite".*database: embedded PGlite at /, 'the database is embedded PGlite');
  t.match(startup('jobs'), /"mode":"postgres".*jobs: Postgres, run in this process/, 'jobs run in-process with state in Postgres');
  t.ok(startup('api').includes(`API: ${url}`), 'the API announces the address it listens on');
  t.match(startup('docs'), /Swagger UI: http:\/\/\S+\/docs/);
  t.match(startup('dashboard'), /queue dashboard: off \(it needs REDIS_URL\)/, 'without Redis there is no queue dashboard, and the line says why');
  t.match(startup('metrics'), /Prometheus metrics: http:\/\/\S+\/metrics/);
  t.ok(first.output.some((line) => line.includes('the key \\"dev\\" has every role')), 'the dev key is announced');

  const docs = await fetch(`${url}/docs/`);
  t.equal(docs.status, 200);
  t.match(await docs.text(), /swagger-ui/i, 'Swagger UI is served');
  const openapi = (await (await fetch(`${url}/docs/json`)).json()) as { openapi: string; paths: Record<string, { post?: unknown }> };
  t.equal(openapi.openapi, '3.1.0');
  t.ok(openapi.paths['/v1/leads']?.post, 'the intake route is documented');

  const headers = { authorization: 'Bearer dev', 'content-type': 'application/json' };
  const created = await fetch(`${url}/v1/leads`, { method: 'POST', headers, body: JSON.stringify(lead) });
  t.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const parks = (await (await fetch(`${url}/v1/parks?limit=500`, { headers })).json()) as { items: { id: string }[] };
  t.ok(parks.items.length >= 30, 'a fresh start seeds the park catalog from seeds/');
  const matched = await eventually(async () => {
    const response = await fetch(`${url}/v1/leads/${id}/suggestions`, { headers });
    return response.status === 200 ? ((await response.json()) as { run: { result: { suggestions: unknown[] } } }) : undefined;
  }, 20_000);
  t.ok(matched.run.result.suggestions.length > 0, 'the in-process worker matched the lead');
  const ready = await fetch(`${url}/health/ready`);
  t.same(await ready.json(), { status: 'ready', checks: { database: 'ok', queue: 'ok' } });

  const stopped = await first.stop('SIGTERM');
  t.equal(stopped.code, 0, 'SIGTERM shuts down cleanly');
  t.ok(first.output.some((line) => line.includes('shutting down')));

  const second = await startService(t, 'services/all-in-one/src/main.ts', env);
  const again = await listening(second);
  const fetched = await fetch(`${again}/v1/leads/${id}`, { headers });
  t.equal(fetched.status, 200, 'the lead survived the restart');
  t.match(await fetched.json(), { id, industry: '医疗器械', land: { mu: 20 } });
  t.equal((await second.stop()).code, 0);
});
