import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { type CatalogState, integrityProblems, loadSeedCatalog, readCatalog, readSeedDocument, seedCatalog, SEEDS_DIR } from '@leadmatch/catalog';
import { CatalogDocument, createAjv } from '@leadmatch/domain';
import { matchLead, toMatchLead } from '@leadmatch/matcher';
import { testDatabase } from '@leadmatch/testing';
import { writeNationalCatalog } from '../../bench/national-catalog.ts';

/** The synthetic national catalog of bench/: written as seeds/ is laid out, read and seeded as the seeds are. */

const SIZES = { parks: 100, seed: 3 };
const ENTITIES = ['sources', 'industries', 'parks', 'clusterFacts', 'carriers', 'policies', 'platforms'] as const;

async function written(sizes: typeof SIZES) {
  const dir = await mkdtemp(join(tmpdir(), 'leadmatch-national-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return { dir, counts: await writeNationalCatalog(dir, sizes) };
}

const { dir, counts } = await written(SIZES);
const document = await readSeedDocument(dir);
const state = Object.fromEntries(ENTITIES.map((entity) => [entity, document[entity] ?? []])) as CatalogState;

t.test('laid out as seeds/, with 10 carriers, 4 policies, 2 platforms and 4 cluster facts per park by default', async (t) => {
  t.same(counts, { parks: 100, carriers: 1000, policies: 400, platforms: 200, facts: 400 });
  t.same((await readdir(dir)).sort(), ['catalog', 'gbt4754', 'industries.json', 'parks.json', 'sources.json']);
  t.ok((await readdir(join(dir, 'catalog'))).every((name) => name.endsWith('.json')));
  t.equal(await readFile(join(dir, 'industries.json'), 'utf8'), await readFile(join(SEEDS_DIR, 'industries.json'), 'utf8'), 'the real taxonomy');
});

t.test('valid against the catalog schema, every reference resolving', async (t) => {
  const validate = createAjv().compile(CatalogDocument);
  t.ok(validate(document), JSON.stringify(validate.errors?.slice(0, 3)));
  t.same(integrityProblems(state), []);
});

t.test('unmistakably synthetic: one source that says so, cited by every fact', async (t) => {
  t.equal(state.sources.length, 1);
  const [source] = state.sources;
  t.equal(source!.id, 'synthetic-national');
  t.match(source!.title, /不描述任何真实园区/);
  t.match(source!.title, /generated for benchmarks/);
  const refs: { source: string; locator: string }[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      if ('source' in node && 'locator' in node) refs.push(node as { source: string; locator: string });
      Object.values(node).forEach(collect);
    }
  };
  ENTITIES.filter((entity) => entity !== 'sources' && entity !== 'industries').forEach((entity) => collect(state[entity]));
  t.ok(refs.length > counts.parks + counts.carriers + counts.policies + counts.platforms + counts.facts);
  t.ok(refs.every((ref) => ref.source === 'synthetic-national' && source!.title.includes(ref.locator)), 'each quotes the source');
  t.ok(state.parks.every((park) => /^合成园区-\d{4}$/.test(park.name) && /^Synthetic Park \d{4}$/.test(park.nameEn)));
});

t.test('parks over real places, some inside zones of their city, with a skewed industry mix', async (t) => {
  const parks = new Map(state.parks.map((park) => [park.id, park]));
  const inside = state.parks.filter((park) => park.parentId !== null);
  t.ok(inside.length >= 3, `${inside.length} parks inside zones`);
  for (const park of inside) t.same(park.region, parks.get(park.parentId!)!.region, `${park.id} shares its zone's region`);
  const leadCodes = state.parks.flatMap((park) => park.industries.filter((focus) => focus.focus === 'lead').map((focus) => focus.code));
  const tally = [...leadCodes.reduce((counts, code) => counts.set(code, (counts.get(code) ?? 0) + 1), new Map<string, number>()).values()].sort((a, b) => b - a);
  t.ok(tally[0]! >= 4 * tally.at(-1)!, `the commonest lead focus (${tally[0]}) far outnumbers the rarest (${tally.at(-1)})`);
  t.ok(new Set(state.carriers.map((carrier) => carrier.type)).size === 8, 'carriers of every kind');
  t.ok(state.policies.some((policy) => policy.parkIds.length === 0 && policy.region !== null), 'province- and city-wide policies');
  t.ok(state.policies.some((policy) => policy.validTo !== null), 'policies that expire');
});

t.test('read by loadSeedCatalog; every city it names is a region the matcher recognises', async (t) => {
  const catalog = await loadSeedCatalog(dir);
  t.equal(catalog.index.parks.size, counts.parks);
  t.equal(catalog.snapshot.carriers.length, counts.carriers);
  const cities = [...new Set(state.parks.map((park) => park.region.city!))];
  for (const city of cities) {
    const needs = { industry: '生物医药', uses: ['rnd' as const], landM2: null, buildingM2: null, buildingTenure: null, annualTaxWan: null, investmentWan: null, employees: null, regions: [city], policyInterests: [] };
    const result = matchLead(toMatchLead(needs as never, catalog.classifier.classify), catalog, { now: new Date('2025-06-01T00:00:00Z') });
    t.ok(result.excluded[0]!.parks < counts.parks && !result.summary.en.includes('not applied'), city);
  }
});

t.test('the same seed writes the same files; another seed, another catalog', async (t) => {
  const again = await written(SIZES);
  const other = await written({ ...SIZES, seed: 4 });
  const read = (at: string, file: string) => readFile(join(at, file), 'utf8');
  for (const file of ['parks.json', 'catalog/carriers.json', 'catalog/policies.json']) t.equal(await read(again.dir, file), await read(dir, file), file);
  t.not(await read(other.dir, 'parks.json'), await read(dir, 'parks.json'));
});

t.test('seeded into a database by seedCatalog, and a second run changes nothing', async (t) => {
  const database = await testDatabase(t);
  const first = await seedCatalog(database.db, dir);
  t.equal(first.changes.length, Object.values(state).reduce((sum, items) => sum + items.length, 0), 'every document created');
  const loaded = await readCatalog(database.db);
  t.equal(loaded.parks.length, counts.parks);
  t.equal(loaded.carriers.length, counts.carriers);
  t.equal(loaded.policies.length, counts.policies);
  const second = await seedCatalog(database.db, dir);
  t.same(second.changes, []);
  t.equal(second.version, first.version);
});
