import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { ONLY_ON_POSTGRES, REPO_ROOT, runCli, testDatabase } from '@leadmatch/testing';
import { readSeedDocument, seedCatalog } from '../src/index.ts';
import { catalogVersion, readCatalog } from '../src/store/repository.ts';

const CLI = 'features/catalog/src/cli/inventory.ts';
const EXAMPLE = join(REPO_ROOT, 'examples/carrier-inventory-zhoushan-marine-complex.xlsx');

const runInventory = (args: string[], databaseUrl = '') => runCli(CLI, args, databaseUrl);

/** A seeded database of this test's own on Postgres, or undefined (with a comment) on PGlite. */
async function seededPostgres(t: Test) {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment(ONLY_ON_POSTGRES);
    return undefined;
  }
  await seedCatalog(database.db);
  return database as typeof database & { url: string };
}

t.test('usage is named without a park and a spreadsheet', async (t) => {
  t.match(await runInventory(['sip']), { code: 2, stderr: /usage: npm run catalog:inventory -- <park id> <inventory\.xlsx\|inventory\.csv>/ });
  t.match(await runInventory(['sip', 'inventory.json']), { code: 2 });
});

t.test('the example inventory is the seed catalog’s carriers of its park, and reads back as them', async (t) => {
  const seeded = ((await readSeedDocument()).carriers ?? []).filter((carrier) => carrier.parkId === 'zhoushan-marine-complex');
  const database = await seededPostgres(t);
  if (!database) return;
  const before = await catalogVersion(database.db);
  const run = await runInventory(['zhoushan-marine-complex', EXAMPLE], database.url);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /^imported the inventory of zhoushan-marine-complex from .+ in [0-9.]+ s\n/);
  t.match(run.stdout, /^ {2}carriers +0 {2}created {2}0 {2}updated {2}5 {2}unchanged$/m, 'the same facts: nothing changes, not even their evidence');
  t.equal(await catalogVersion(database.db), before);
  const carriers = (await readCatalog(database.db)).carriers.filter((carrier) => carrier.parkId === 'zhoushan-marine-complex');
  t.same(carriers.map((carrier) => carrier.evidence.source).sort(), seeded.map((carrier) => carrier.evidence.source).sort());
});

t.test('a bad inventory writes nothing and names each cell (exit code 1)', async (t) => {
  const database = await seededPostgres(t);
  if (!database) return;
  const before = await catalogVersion(database.db);
  const file = join(t.testdir(), 'bad.csv');
  await writeFile(file, '载体类型,载体名称,面积\n厂,A 栋,300\n标准厂房,B 栋,abc\n');
  const run = await runInventory(['sip', file], database.url);
  t.equal(run.code, 1);
  t.match(run.stderr, /The inventory has 3 problem\(s\); nothing was written\./);
  t.match(run.stderr, /\/bad\.csv\/2\/A: A2（载体类型）：“厂”不是可识别的载体类型/);
  t.match(run.stderr, /\/bad\.csv\/2\/C: C2（面积）：填了数值时必填单位/);
  t.match(run.stderr, /\/bad\.csv\/3\/C: C3（面积）：“abc”不是大于 0 的数字/);
  t.equal(await catalogVersion(database.db), before);
  const unknown = await runInventory(['no-such-park', file], database.url);
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /No park with the id "no-such-park" is in the catalog\./);
});
