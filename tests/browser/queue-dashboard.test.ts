import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import t from 'tap';
import { API_KEYS, buildTestApp, KEYS, post, validLead } from '@leadmatch/api/testing';
import { loadConfig } from '@leadmatch/config';
import { eventually, inspectQueue, serviceUrl, uniqueName } from '@leadmatch/testing';
import { ROOT } from '../support/process.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

/** An operator opens the queue dashboard in a browser, which asks for the admin key. */

t.setTimeout(180_000);

const SCREENSHOT = join(ROOT, 'tests/artifacts/queue-dashboard.png');
const QUEUES = ['match', 'followups', 'webhooks'];

const redisUrl = serviceUrl(t, 'REDIS_URL');
if (redisUrl && chromiumAvailable(t)) {
  t.test('the dashboard shows the match, follow-up and webhook queues to the admin, under its policy', async (t) => {
    const prefix = uniqueName('dashboard_browser');
    const matchQueue = inspectQueue(t, redisUrl, prefix, 'match');
    const config = loadConfig({ API_KEYS, LOG_LEVEL: 'silent', NODE_ENV: 'test', REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
    const { app } = await buildTestApp(t, { config });
    t.equal((await post(app, validLead())).statusCode, 201);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });

    const browser = await launchChromium(t);
    const refused = await browser.newContext({ httpCredentials: { username: 'staff', password: KEYS.staff } });
    const staffAnswer = await (await refused.newPage()).goto(`${url}/admin/queues`);
    t.equal(staffAnswer?.status(), 403, 'a staff key, given at the browser’s prompt, is refused');

    const context = await browser.newContext({ httpCredentials: { username: 'admin', password: KEYS.admin }, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const policyViolations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) policyViolations.push(message.text());
    });
    const answer = await page.goto(`${url}/admin/queues`);
    t.equal(answer?.status(), 200, 'the admin key opens it');
    for (const queue of QUEUES) await page.getByRole('link', { name: queue, exact: false }).first().waitFor();
    t.pass('the menu lists the match, followups and webhooks queues');

    const waiting = await eventually(async () => (await matchQueue.getJobs(['waiting']))[0]);
    await page.goto(`${url}/admin/queues/queue/match?status=waiting`);
    await page.getByText(waiting.id!).first().waitFor();
    t.pass('the posted lead’s waiting match job is listed');

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // bull-board links a web font from Google; the policy keeps the page to this origin, so the font falls back to a local one.
    const unexpected = policyViolations.filter((violation) => !violation.includes("'https://fonts.googleapis.com/"));
    t.same(unexpected, [], 'the page works within its Content-Security-Policy');
  });
}
