import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { ONLY_ON_POSTGRES, REPO_ROOT, runCli, testDatabase } from '@leadmatch/testing';

const CLI = 'features/leads/src/cli/import.ts';
const EXAMPLE = join(REPO_ROOT, 'examples/lead-ledger.xlsx');

const runImport = (args: string[], databaseUrl = '') => runCli(CLI, args, databaseUrl);

t.test('usage is named without a file', async (t) => {
  t.match(await runImport([]), { code: 2, stderr: /usage: npm run leads:import -- <ledger\.xlsx\|ledger\.csv>/ });
});

t.test('the example ledger imports, then importing it again changes nothing; a bad row is named and exits 1', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment(ONLY_ON_POSTGRES);
    return;
  }
  const first = await runImport([EXAMPLE, '--owner', 'key_cli_test'], database.url);
  t.equal(first.code, 0, first.stderr);
  t.match(first.stdout, /^imported .+lead-ledger\.xlsx in [0-9.]+ s\n/);
  t.match(first.stdout, /^ {2}created +20$/m);
  t.match(first.stdout, /^ {2}rejected +0$/m);
  t.match(first.stderr, /importing \[=+\] 100%/, 'the bar draws plain lines without a terminal');
  const owners = await database.db.selectFrom('leads').select('owner_key').distinct().execute();
  t.same(owners, [{ owner_key: 'key_cli_test' }]);
  const requests = await database.db.selectFrom('match_requests').select('id').execute();
  t.equal(requests.length, 20);

  const second = await runImport([EXAMPLE, '--owner', 'key_cli_test'], database.url);
  t.equal(second.code, 0, second.stderr);
  t.match(second.stdout, /^ {2}unchanged +20$/m);
  t.equal((await database.db.selectFrom('match_requests').select('id').execute()).length, 20, 'no new match request');

  const dir = t.testdir();
  const bad = join(dir, 'bad.csv');
  await writeFile(bad, '企业名称,联系人,联系电话,行业,用途\n测试有限公司,王先生,12345,机械,生产\n');
  const report = join(dir, 'report.xlsx');
  const rejected = await runImport([bad, '--report', report], database.url);
  t.equal(rejected.code, 1);
  t.match(rejected.stderr, /^row 2:\n {2}C「联系电话」: 须为 11 位大陆手机号.* · must be a mainland mobile number/m);
  t.match(rejected.stdout, /^ {2}report +.+report\.xlsx$/m);
});
