import Fastify from 'fastify';
import t from 'tap';
import { devApiKey } from '@leadmatch/config';
import { type AreaAccess, auth, problems } from '@leadmatch/http';

/** Areas give access to route sets other plugins declare; they must not reach past their own path. */

const AREAS: AreaAccess[] = [
  { prefix: '/docs', access: 'public' },
  { prefix: '/admin/queues', access: 'operations:read', browserLogin: true },
];

async function appWith(url: string) {
  const app = Fastify();
  await app.register(problems);
  await app.register(auth, { apiKeys: [devApiKey()], areas: AREAS });
  app.get(url, async () => ({ ok: true }));
  return app;
}

t.test('a route inside an area takes its access', async (t) => {
  for (const url of ['/docs', '/docs/json', '/admin/queues', '/admin/queues/api/queues']) {
    const app = await appWith(url);
    t.teardown(() => app.close());
    const answer = await app.inject({ url });
    t.equal(answer.statusCode, url.startsWith('/docs') ? 200 : 401, `${url} follows its area`);
  }
});

t.test('a path that merely starts like an area is not in it, so it must declare its access', async (t) => {
  for (const url of ['/docsx', '/docs-internal', '/admin/queues-old']) {
    await t.rejects(async () => (await appWith(url)).ready(), /declares no access/, `${url} is refused at boot`);
  }
});
