import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import t, { type Test } from 'tap';
import { type Database } from '@leadmatch/db';
import { ONLY_ON_POSTGRES, runCli, testDatabase } from '@leadmatch/testing';
import { readSeedDocument, seedCatalog } from '../src/index.ts';
import { catalogVersion, readCatalog } from '../src/store/repository.ts';

const CLI = 'features/catalog/src/cli/import.ts';
const seed = await readSeedDocument();

const runImport = (args: string[], databaseUrl = '') => runCli(CLI, args, databaseUrl);

async function writeJson(t: Test, name: string, content: unknown): Promise<string> {
  const file = join(t.testdir(), name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const catalogOf = async (db: Kysely<Database>) => ({ version: await catalogVersion(db), catalog: await readCatalog(db) });

const newPark = {
  id: 'cli-test-park',
  name: '测试园区',
  nameEn: 'Test Park',
  kind: 'industrial-park',
  region: { province: '江苏省', city: '苏州市', district: null },
  parentId: 'sip',
  industries: [{ code: 'ai', focus: 'lead', evidence: { source: 'src-002', locator: '人工智能' } }],
  thresholds: { minTaxPerMuWan: null, minInvestmentPerMuWan: null, evidence: null },
  sources: [{ source: 'src-002', locator: '苏州工业园区' }],
};
const carrier = { ...seed.carriers![0]!, id: 'cli-carrier-1', parkId: newPark.id };

t.test('usage is named when no file is given', async (t) => {
  t.match(await runImport([]), { code: 2, stderr: /usage: npm run catalog:import -- <catalog\.json>/ });
});

t.test('an import into an empty catalog creates every document, then a second one changes nothing', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment(ONLY_ON_POSTGRES);
    return;
  }
  const file = await writeJson(t, 'catalog.json', seed);

  const first = await runImport([file], database.url);
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, new RegExp(`^imported ${file} in [0-9.]+ s\n`));
  t.match(first.stdout, new RegExp(`^ {2}parks +${seed.parks!.length} {2}created {2}0 {2}updated {2}0 {2}unchanged$`, 'm'));
  t.match(first.stdout, /^ {2}catalog version +1$/m);
  t.match(first.stderr, /▸ checking .+ against the schema and the catalog\n/);
  const documents = Object.values(seed).reduce((sum, items) => sum + items.length, 0);
  t.match(first.stderr, new RegExp(`importing \\[=+\\] 100% \\| ${documents}/${documents} documents`), 'the bar draws plain lines without a terminal');
  t.notMatch(first.stderr, /\x1b/);
  t.equal(await catalogVersion(database.db), 1);
  const actors = await database.db.selectFrom('catalog_changes').select('actor').distinct().execute();
  t.same(actors, [{ actor: 'cli-import' }], 'the change log names the command');

  const second = await runImport([file], database.url);
  t.equal(second.code, 0, second.stderr);
  t.match(second.stdout, new RegExp(`^checked the catalog against ${file} in [0-9.]+ s\n`));
  t.match(second.stdout, new RegExp(`^ {2}parks +0 {2}created {2}0 {2}updated +${seed.parks!.length} {2}unchanged$`, 'm'));
  t.match(second.stdout, /^ {2}catalog version +1 {2}\(nothing to change\)$/m);
  t.equal(await catalogVersion(database.db), 1);
});

t.test('an import is checked as a whole: with one problem nothing goes in, and each problem is named', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment(ONLY_ON_POSTGRES);
    return;
  }
  await seedCatalog(database.db);
  const before = await catalogOf(database.db);

  const orphan = { ...carrier, id: 'cli-carrier-2', parkId: 'nowhere', evidence: { ...carrier.evidence, source: 'src-999' } };
  const rejected = await runImport([await writeJson(t, 'bad.json', { parks: [newPark], carriers: [carrier, orphan] })], database.url);
  t.equal(rejected.code, 1);
  t.equal(rejected.stdout, '', 'no summary');
  t.match(rejected.stderr, /^The catalog change has 2 problem\(s\); nothing was written\.$/m);
  t.match(rejected.stderr, /^\/carriers\/1\/parkId: refers to park "nowhere", which is not in the catalog$/m);
  t.match(rejected.stderr, /^\/carriers\/1\/evidence\/source: refers to source "src-999", which is not in the catalog$/m);
  t.same(await catalogOf(database.db), before, 'the good part did not go in either');

  const industry = seed.industries![0]!;
  const accepted = await runImport([await writeJson(t, 'good.json', { industries: [industry], parks: [newPark], carriers: [carrier] })], database.url);
  t.equal(accepted.code, 0, accepted.stderr);
  t.match(accepted.stdout, /^ {2}industries +0 {2}created {2}0 {2}updated {2}1 {2}unchanged$/m);
  t.match(accepted.stdout, /^ {2}parks +1 {2}created {2}0 {2}updated {2}0 {2}unchanged$/m);
  t.match(accepted.stdout, /^ {2}carriers +1 {2}created {2}0 {2}updated {2}0 {2}unchanged$/m);
  t.match(accepted.stdout, new RegExp(`^ {2}catalog version +${before.version + 1}$`, 'm'));
  t.ok((await readCatalog(database.db)).parks.some((park) => park.id === newPark.id));
});

t.test('a file that is not a catalog document changes nothing', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment(ONLY_ON_POSTGRES);
    return;
  }
  await seedCatalog(database.db);
  const before = await catalogOf(database.db);

  const shapeless = await runImport([await writeJson(t, 'shape.json', { parks: [{ id: 'x' }], robots: [] })], database.url);
  t.equal(shapeless.code, 1);
  t.match(shapeless.stderr, /does not have the shape of a catalog document; nothing was written\./);
  t.match(shapeless.stderr, /^\/parks\/0\/name: is required$/m);
  t.match(shapeless.stderr, /^\/robots: is not a recognised field$/m);

  const broken = await runImport([await writeJson(t, 'broken.json', '{ "parks": [')], database.url);
  t.equal(broken.code, 1);
  t.match(broken.stderr, /broken\.json: .*JSON/);
  t.same(await catalogOf(database.db), before);
});
