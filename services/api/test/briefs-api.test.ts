import t from 'tap';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { runMatchRequest, type RunListener } from '@leadmatch/matching';
import { pdfText } from '@leadmatch/testing';
import { auth, buildTestApp, KEYS, post, problemOf, validLead } from './support.ts';

/** The site-selection brief routes: a PDF of a lead's latest match, or of a preview; a clear problem otherwise. */

const { app, database } = await buildTestApp(t);
const { db } = database;
await seedCatalog(db);
const catalogs = new CatalogCache(db);
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);
const noListener: RunListener = { onRuns: async () => ({ events: [], afterCommit: async () => {} }) };
const log = { info: () => {}, warn: () => {}, error: () => {} };

async function matchedLead(overrides: Record<string, unknown> = {}) {
  const lead = (await post(app, validLead(overrides))).json() as { id: string; company: { name: string } };
  const request = await db.selectFrom('match_requests').select('id').where('lead_id', '=', lead.id).where('completed_at', 'is', null).executeTakeFirstOrThrow();
  return { lead, match: () => runMatchRequest(db, catalogs, personalData, request.id, new Date(), noListener, log) };
}

const brief = (id: string, secret: string = KEYS.crm) => app.inject({ method: 'GET', url: `/v1/leads/${id}/brief`, headers: auth(secret) });
const squeeze = (text: string) => text.replace(/\s+/g, '');

t.test('a lead not matched yet answers 409 lead-not-matched, not an empty PDF', async (t) => {
  const { lead } = await matchedLead();
  const response = await brief(lead.id);
  t.equal(response.statusCode, 409);
  t.match(response.headers['content-type'], /application\/problem\+json/);
  t.match(problemOf(response), { type: '/problems/lead-not-matched', status: 409, detail: /not been matched yet/ });
});

t.test("a matched lead's brief is a 1–2 page PDF of its needs, top parks, versions and sources, without its contact", async (t) => {
  const { lead, match } = await matchedLead();
  t.equal(await match(), 'matched');
  const suggestions = (await app.inject({ method: 'GET', url: `/v1/leads/${lead.id}/suggestions`, headers: auth(KEYS.crm) })).json() as {
    run: { catalogVersion: number; rulesVersion: string; result: { suggestions: { park: { name: string } }[] } };
  };
  const response = await brief(lead.id);
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  t.equal(response.headers['content-type'], 'application/pdf');
  t.match(response.headers['content-disposition'], new RegExp(`^attachment; filename="site-brief-${lead.id.slice(0, 8)}-\\d{8}\\.pdf"; filename\\*=UTF-8''`));
  t.match(decodeURIComponent(String(response.headers['content-disposition'])), /选址建议书-/);
  const pdf = response.rawPayload;
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const { pages, text: pageTexts } = await pdfText(pdf);
  t.ok(pages >= 1 && pages <= 2, `${pages} page(s), ${pdf.length} bytes`);
  const text = squeeze(pageTexts.join('\n'));
  for (const heading of ['选址建议书', '一、企业需求', '二、推荐园区', '三、资料来源']) t.ok(text.includes(heading), heading);
  t.ok(text.includes(squeeze(lead.company.name)), 'the company');
  t.ok(text.includes('50亩'), 'land in 亩');
  t.ok(text.includes('5,000m²'), 'building area in m²');
  t.ok(text.includes('2,000万元'), 'annual tax');
  t.ok(text.includes(`线索编号：${lead.id}`), 'the lead id');
  const { run } = suggestions;
  for (const suggestion of run.result.suggestions.slice(0, 3)) t.ok(text.includes(squeeze(suggestion.park.name)), suggestion.park.name);
  t.ok(text.includes(`园区目录版本：${run.catalogVersion}`), 'the catalog version');
  t.ok(text.includes(`匹配规则版本：${run.rulesVersion}`), 'the rules version');
  t.match(text, /\[1\]\S+/, 'a source is cited');
  for (const personal of ['张伟', '13812345678', '138', 'example.com']) t.notOk(text.includes(personal), `no ${personal}`);
});

t.test('an unknown lead, or one of another key, is 404 as on the other lead routes', async (t) => {
  const { lead, match } = await matchedLead();
  await match();
  t.equal((await brief('00000000-0000-4000-8000-000000000000')).statusCode, 404);
  t.match(problemOf(await brief(lead.id, KEYS.otherCrm)), { type: '/problems/not-found', status: 404 });
  t.equal((await brief('not-a-uuid')).statusCode, 400);
});

t.test('POST /v1/match/brief: a PDF of a match made now, from the body of POST /v1/match', async (t) => {
  const { contact: _contact, company: _company, externalId: _externalId, ...needs } = validLead({ land: { area: 20000, unit: 'm2' } });
  const response = await app.inject({ method: 'POST', url: '/v1/match/brief', headers: auth(KEYS.crm), payload: needs });
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  t.equal(response.headers['content-type'], 'application/pdf');
  t.match(response.headers['content-disposition'], /filename="site-brief-preview-\d{8}\.pdf"/);
  const { pages, text: pageTexts } = await pdfText(response.rawPayload);
  t.ok(pages >= 1 && pages <= 2);
  const text = squeeze(pageTexts.join('\n'));
  t.ok(text.includes('即时试算'), 'says it is a preview');
  t.ok(text.includes('企业名称未记载'), 'no company given: not recorded');
  t.ok(text.includes('30亩（20,000m²）'), 'land in 亩 and m²');
  const bad = await app.inject({ method: 'POST', url: '/v1/match/brief', headers: auth(KEYS.crm), payload: { industry: '', uses: [] } });
  t.equal(bad.statusCode, 422, 'an invalid body answers as POST /v1/match does');
  t.match(problemOf(bad), { type: '/problems/validation-failed' });
});
