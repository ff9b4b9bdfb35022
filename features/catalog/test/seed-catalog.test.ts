import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CatalogDocument, createAjv } from '@leadmatch/domain';
import { servicesRequired, testDatabase } from '@leadmatch/testing';
import { documentsWithoutEvidence, integrityProblems, readSeedDocument, readSourceArticles, seedCatalog, unquotedEvidence, type CatalogState } from '../src/index.ts';
import { readCatalog } from '../src/store/repository.ts';

const SOURCES_DIR = fileURLToPath(new URL('../../../../shared/sources', import.meta.url));
const REFERENCE_CSV = fileURLToPath(new URL('../../../../shared/reference/gbt4754-2017.csv', import.meta.url));
/** The articles sit beside the repository in the team's checkout and in CI (which requires them), not in every clone. */
const withoutShared = !existsSync(SOURCES_DIR) && !servicesRequired ? `../shared is not beside this clone (${SOURCES_DIR})` : false;
const seed = await readSeedDocument();
const state = Object.fromEntries(
  ['sources', 'industries', 'parks', 'clusterFacts', 'carriers', 'policies', 'platforms'].map((entity) => [entity, seed[entity as keyof typeof seed] ?? []]),
) as CatalogState;

t.test('the seed files match the catalog schema', async (t) => {
  const validate = createAjv().compile(CatalogDocument);
  t.ok(validate(seed), JSON.stringify(validate.errors?.slice(0, 5)));
});

t.test('the seed catalog is whole: every reference resolves, no cycles', async (t) => {
  t.same(integrityProblems(state), []);
});

t.test('every fact has a source, and every quoted phrase occurs in the article it cites', { skip: withoutShared }, async (t) => {
  t.same(documentsWithoutEvidence(state), []);
  t.ok(existsSync(SOURCES_DIR), `the source articles are beside the repository at ${SOURCES_DIR}`);
  const articles = await readSourceArticles(SOURCES_DIR);
  t.same([...articles.keys()].sort(), state.sources.map((source) => source.id).sort(), 'one article per source');
  t.same(unquotedEvidence(state, articles), []);
});

t.test('the seeded copy of GB/T 4754-2017 is the team reference file', { skip: withoutShared }, async (t) => {
  t.equal(readFileSync(new URL('../../../seeds/gbt4754/gbt4754-2017.csv', import.meta.url), 'utf8'), readFileSync(REFERENCE_CSV, 'utf8'));
});

t.test('the provenance check catches a forged quote and a missing source', { skip: withoutShared }, async (t) => {
  const articles = await readSourceArticles(SOURCES_DIR);
  const forged = structuredClone(state);
  forged.clusterFacts[0]!.evidence.locator = '园区产值一万亿元';
  t.equal(unquotedEvidence(forged, articles).length, 1);
  const orphan = structuredClone(state);
  orphan.carriers[0]!.evidence.source = 'src-999';
  t.match(integrityProblems(orphan), [{ entity: 'carriers', path: '/evidence/source', refersTo: 'src-999' }]);
  const bare = structuredClone(state);
  (bare.policies[0] as { evidence: unknown }).evidence = { source: '', locator: '' };
  t.equal(documentsWithoutEvidence(bare).length, 1);
});

t.test('the catalog covers the parks the articles describe', async (t) => {
  const ids = new Set(state.parks.map((park) => park.id));
  for (const id of ['sip', 'snd', 'snd-jiangsu-medical-device-park', 'changshu-acoustics-valley', 'zhoushan-marine-complex', 'chengdu-hi-tech-zone', 'yinchuan-tech-service-park', 'baoding-zgc-innovation-centre', 'qingdao-shibei-health-valley', 'lingang-innovation-centre', 'maanshan-etdz', 'suzhou-suqian-industrial-park', 'wujiang-etdz', 'nanjing-jiangbei-new-area']) {
    t.ok(ids.has(id), id);
  }
  const sip = state.clusterFacts.find((fact) => fact.parkId === 'sip' && fact.amount?.value === 1177);
  t.match(sip, { year: 2021, industry: 'biomed', amount: { unit: '亿元' } }, 'a figure keeps its year');
});

t.test('seeding loads everything once, and again changes nothing', async (t) => {
  const database = await testDatabase(t);
  const first = await seedCatalog(database.db);
  t.equal(first.version, 1);
  const total = Object.values(state).reduce((sum, items) => sum + items.length, 0);
  t.equal(first.changes.length, total, 'every document was created');
  const loaded = await readCatalog(database.db);
  t.same(loaded.parks.map((park) => park.id), state.parks.map((park) => park.id).sort(), 'ids are the seed ids');
  const again = await seedCatalog(database.db);
  t.same(again, { version: 1, changes: [] }, 'a reload is idempotent and keeps the version');
});
