import { gunzipSync } from 'node:zlib';
import t from 'tap';
import { seedCatalog } from '@leadmatch/catalog';
import { LEAD_EXAMPLES } from '@leadmatch/leads';
import { auth, buildTestApp, KEYS } from './support.ts';

const { app, database } = await buildTestApp(t);
await seedCatalog(database.db);
const lead = LEAD_EXAMPLES.biomedicine.value;

interface Answer {
  summary: { zh?: string; en?: string };
  suggestions: {
    carriers: unknown[];
    policies: unknown[];
    platforms: unknown[];
    totals: { carriers: number; policies: number; platforms: number };
    reasons: { score: number | null; zh?: string; en?: string; evidence: unknown[]; evidenceTotal: number }[];
  }[];
  suggestionsTotal: number;
}

const preview = (query = '', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/v1/match${query}`, headers: { ...auth(KEYS.crm), ...headers }, payload: lead });

for (const [name, example] of Object.entries(LEAD_EXAMPLES)) {
  t.test(`the default answer for the ${name} example is at most 10 KB`, async (t) => {
    const response = await app.inject({ method: 'POST', url: '/v1/match', headers: auth(KEYS.crm), payload: example.value });
    const bytes = Buffer.byteLength(response.body);
    t.ok(bytes <= 10 * 1024, `${bytes} bytes`);
  });
}

t.test('a default answer is sized for people: the first few of each list, with totals, in both languages', async (t) => {
  const response = await preview();
  t.equal(response.statusCode, 200, response.body);
  const answer = response.json() as Answer;
  t.ok(answer.summary.zh && answer.summary.en, 'the summary in Chinese and English');
  t.equal(answer.suggestions.length, Math.min(3, answer.suggestionsTotal), 'the first three parks, with how many there are');
  t.ok(answer.suggestionsTotal > 3, 'the example has more, so the cut is exercised');
  for (const suggestion of answer.suggestions) {
    for (const list of ['carriers', 'policies', 'platforms'] as const) {
      t.ok(suggestion[list].length <= 3, `${list}: at most three listed`);
      t.equal(suggestion[list].length, Math.min(3, suggestion.totals[list]), `${list}: the total counts the rest`);
    }
    for (const reason of suggestion.reasons) {
      t.equal(Boolean(reason.zh && reason.en), reason.score !== null, 'a judged factor is worded in both languages, a neutral one not at all');
      t.same(reason.evidence, [], 'sources are left to detail=full');
    }
  }
  t.ok(answer.suggestions.some((s) => s.totals.policies > 3), 'the example lead has parks with more than three policies, so the cut is exercised');
});

t.test('detail=full lists everything the match found', async (t) => {
  const answer = (await preview('?detail=full')).json() as Answer;
  t.equal(answer.suggestions.length, answer.suggestionsTotal);
  for (const suggestion of answer.suggestions) {
    for (const list of ['carriers', 'policies', 'platforms'] as const) t.equal(suggestion[list].length, suggestion.totals[list], list);
    for (const reason of suggestion.reasons) t.equal(reason.evidence.length, reason.evidenceTotal);
  }
  const bad = await preview('?detail=everything');
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { errors: [{ pointer: '/detail', location: 'querystring' }] }, 'an unknown detail names the parameter');
});

t.test('Accept-Language picks one language of the explanations', async (t) => {
  const cases = [
    { header: 'en', languages: ['en'] },
    { header: 'zh-CN,zh;q=0.9,en;q=0.8', languages: ['zh'] },
    { header: 'en-GB;q=0.9, zh;q=0.5', languages: ['en'] },
    { header: 'fr', languages: ['zh', 'en'] },
    { header: '*', languages: ['zh', 'en'] },
  ];
  for (const { header, languages } of cases) {
    const response = await preview('?detail=full', { 'accept-language': header });
    t.equal(response.headers['content-language'], languages.join(', '), header);
    t.match(response.headers.vary, /Accept-Language/i);
    const answer = response.json() as Answer;
    const texts = [answer.summary, ...answer.suggestions.flatMap((s) => s.reasons)];
    t.ok(texts.every((text) => ['zh', 'en'].every((language) => (language in text) === languages.includes(language))), `${header}: only ${languages.join(' and ')}`);
  }
  const english = Buffer.byteLength((await preview('', { 'accept-language': 'en' })).body);
  const both = Buffer.byteLength((await preview()).body);
  t.ok(english < both * 0.8, `one language is smaller (${english} of ${both} bytes)`);
});

t.test('answers are compressed when the client accepts it', async (t) => {
  const plain = await preview();
  const compressed = await preview('', { 'accept-encoding': 'gzip' });
  t.equal(compressed.headers['content-encoding'], 'gzip');
  const body = gunzipSync(compressed.rawPayload).toString();
  t.same(JSON.parse(body), plain.json(), 'the same answer');
  t.ok(compressed.rawPayload.length < plain.rawPayload.length / 3, `gzip: ${compressed.rawPayload.length} of ${plain.rawPayload.length} bytes`);
});
