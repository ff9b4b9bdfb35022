import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import t from 'tap';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { saveLeadsWithMatchRequests } from '@leadmatch/leads';
import { testDatabase } from '@leadmatch/testing';
import lead from '../fixtures/lead-medical-devices.json' with { type: 'json' };
import { ROOT } from '../support/process.ts';

const run = promisify(execFile);
const tsx = (script: string, args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--conditions=leadmatch-source', '--import=tsx', script, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 });

t.test('npm run match prints the ranked table with reasons', async (t) => {
  const { stdout } = await tsx('services/worker/src/cli/match.ts', ['tests/fixtures/lead-medical-devices.json'], {});
  t.match(stdout, /medical-devices/, 'the classified industry and the words that matched');
  t.match(stdout, /│\s*\(index\)\s*│\s*rank\s*│\s*park/, 'a table');
  t.match(stdout, /#1 .+score 0\.\d+/, 'the first suggestion with its score');
  t.match(stdout, /\[industry [0-9.]+\]/, 'reasons by factor');
  t.match(stdout, /sources: src-00\d/, 'with their sources');
});

t.test('npm run match names what is wrong with a bad lead file', async (t) => {
  const error = await tsx('services/worker/src/cli/match.ts', ['package.json'], {}).catch((e: { code: number; stderr: string }) => e);
  t.match(error, { code: 1, stderr: /\/company: is required/ });
  const missing = await tsx('services/worker/src/cli/match.ts', ['no-such-lead.json'], {}).catch((e: { code: number; stderr: string }) => e);
  t.match(missing, { code: 2, stderr: /^match: cannot read no-such-lead\.json: no such file\n$/ }, 'a missing file is one line, not a stack trace');
});

t.test('npm run rematch re-matches every open lead with a progress summary', async (t) => {
  const database = await testDatabase(t);
  if (!database.url) {
    t.comment('runs against DATABASE_URL; an embedded PGlite cannot be shared with a child process');
    return;
  }
  const needs = normalizeLeadInput(lead as LeadInput);
  const [saved] = await saveLeadsWithMatchRequests(
    database.db,
    [{ newId: randomUUID(), ownerKey: 'key_cli', externalId: 'CLI-1', needs, idempotency: null }],
    () => ({ statusCode: 201, body: null }),
    personalDataFor(Buffer.alloc(32, 'cli-test')),
  );
  const { stdout, stderr } = await tsx('services/worker/src/cli/rematch.ts', [], { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  t.match(stdout, /re-matched 1 leads in [0-9.]+ s/, stderr);
  const runs = await database.db.selectFrom('match_runs').select('lead_id').execute();
  t.same(runs.map((row) => row.lead_id), [saved?.kind === 'created' ? saved.lead.id : '']);
});
