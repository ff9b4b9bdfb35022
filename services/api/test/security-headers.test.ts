import t from 'tap';
import { auth, buildTestApp, KEYS } from './support.ts';

const { app } = await buildTestApp(t);

const directives = (csp: string | undefined) =>
  new Map((csp ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values]));

t.test('API answers carry the security headers, errors included', async (t) => {
  const answers = {
    ok: await app.inject({ url: '/v1/leads', headers: auth(KEYS.crm) }),
    unauthorized: await app.inject({ url: '/v1/leads' }),
    notFound: await app.inject({ url: '/v1/nothing-here', headers: auth(KEYS.crm) }),
    health: await app.inject({ url: '/health/live' }),
  };
  t.equal(answers.unauthorized.statusCode, 401);
  t.equal(answers.notFound.statusCode, 404);
  for (const [name, response] of Object.entries(answers)) {
    t.equal(response.headers['x-content-type-options'], 'nosniff', `${name}: no MIME sniffing`);
    t.match(response.headers['strict-transport-security'], /max-age=31536000; includeSubDomains/, `${name}: HSTS`);
    t.equal(response.headers['x-frame-options'], 'DENY', `${name}: no framing`);
    t.equal(response.headers['referrer-policy'], 'no-referrer', `${name}: no referrer`);
    const csp = directives(response.headers['content-security-policy'] as string);
    t.same(csp.get('default-src'), ["'none'"], `${name}: the API loads nothing`);
    t.same(csp.get('frame-ancestors'), ["'none'"], `${name}: nobody frames the API`);
  }
});

t.test('Swagger UI works under its own policy', async (t) => {
  t.equal((await app.inject({ url: '/docs/json' })).statusCode, 200);
  const page = await app.inject({ url: '/docs/' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /text\/html/);
  const csp = directives(page.headers['content-security-policy'] as string);
  t.same(csp.get('script-src'), ["'self'"], 'scripts only from this origin');
  t.same(csp.get('frame-ancestors'), ["'none'"]);
  t.notOk(csp.has('upgrade-insecure-requests'), 'the docs also work over plain http');

  const html = page.body;
  t.notMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script, which the policy would block');
  t.notMatch(html, /<style/, 'no inline style, which the policy would block');
  const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  t.ok(assets.some((asset) => asset.endsWith('swagger-ui-bundle.js')), 'the page loads the bundle');
  for (const asset of assets) {
    t.notMatch(asset, /^[a-z]+:|^\/\//i, `${asset} is same-origin, as script-src 'self' requires`);
    const response = await app.inject({ url: new URL(asset, 'http://api.test/docs/').pathname });
    t.equal(response.statusCode, 200, `${asset} loads`);
  }
});
