import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import t from 'tap';
import { auth, buildTestApp, KEYS } from '@leadmatch/api/testing';
import { seedCatalog } from '@leadmatch/catalog';
import { LEAD_EXAMPLES } from '@leadmatch/leads';
import { ROOT } from '../support/process.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

/** Staff open Swagger UI, authorize with their key and try POST /v1/match with the example it offers. */

// A cold Chromium start and Swagger UI's rendering of the whole document take a while on a 2-core machine.
t.setTimeout(240_000);

const SCREENSHOT = join(ROOT, 'tests/artifacts/swagger-try-it-out.png');
const STEP_TIMEOUT_MS = 60_000;

interface MatchAnswer {
  suggestions: { rank: number; park: { id: string; name: string } }[];
}

const hasChinese = /[\u4e00-\u9fff]/;

if (chromiumAvailable(t)) {
  t.test('Swagger UI: authorize, try POST /v1/match with the biomedicine example, see ranked parks', async (t) => {
    const { app, database } = await buildTestApp(t);
    await seedCatalog(database.db);
    const key = KEYS.staff;

    for (const [name, example] of Object.entries(LEAD_EXAMPLES)) {
      const answer = await app.inject({ method: 'POST', url: '/v1/match', headers: auth(key), payload: example.value });
      t.equal(answer.statusCode, 200, `the ${name} example is a valid lead: ${answer.body.slice(0, 300)}`);
      t.ok((answer.json() as MatchAnswer).suggestions.length > 0, `the ${name} example gets suggestions`);
    }
    const expected = (
      await app.inject({ method: 'POST', url: '/v1/match', headers: auth(key), payload: LEAD_EXAMPLES.biomedicine.value })
    ).json() as MatchAnswer;
    const first = expected.suggestions[0]!;
    t.match(first, { rank: 1, park: { name: hasChinese } }, 'the API itself ranks a park with a Chinese name first');

    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const browser = await launchChromium(t);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const policyViolations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) policyViolations.push(message.text());
    });

    await page.goto(`${url}/docs/`);
    await page.locator('.swagger-ui .info .title').waitFor();
    t.match(await page.locator('.swagger-ui .info .title').textContent(), '招商线索匹配 API', 'the title is in Chinese');

    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.dialog-ux');
    await dialog.locator('input[aria-label="auth-bearer-value"]').fill(key);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('.auth-btn-wrapper button.btn-done').click();
    await dialog.waitFor({ state: 'detached' });
    t.equal(await page.locator('.auth-wrapper button.authorize.locked').count(), 1, 'Authorize shows the key is in use');

    const operation = page.locator('.opblock-post', { has: page.locator('.opblock-summary-path[data-path="/v1/match"]') });
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();
    const body = operation.locator('textarea.body-param__text');
    t.match(await body.inputValue(), LEAD_EXAMPLES.biomedicine.value.industry, 'the body is prefilled with the biomedicine example');
    const offered = await operation.locator('.opblock-section-request-body .examples-select option').allTextContents();
    t.ok(offered.some((label) => label.includes('医疗器械')), `the medical-device example is offered too (${offered.join(' | ')})`);

    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table');
    const shown = live.locator('.response-col_description .highlight-code pre');
    await shown.waitFor();
    await live.scrollIntoViewIfNeeded();
    t.equal((await live.locator('tbody .response-col_status').textContent())?.trim(), '200', 'the response panel shows 200');
    const answer = JSON.parse((await shown.textContent()) ?? '') as MatchAnswer;
    t.same(
      answer.suggestions.map((suggestion) => suggestion.rank),
      expected.suggestions.map((_suggestion, i) => i + 1),
      'the panel lists the parks ranked 1, 2, …',
    );
    t.equal(answer.suggestions[0]!.park.name, first.park.name, `the first park is ${first.park.name}, as the API answers`);
    t.ok(await shown.getByText(first.park.name).first().isVisible(), 'its name is on screen');

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    // The server's answer with its ranked parks fills the window, under the request URL it went to.
    await live.evaluate((element) => element.ownerDocument.defaultView?.scrollBy(0, element.getBoundingClientRect().top - 120));
    await page.screenshot({ path: SCREENSHOT });
    t.same(policyViolations, [], 'the page works within its Content-Security-Policy');
  });
}
