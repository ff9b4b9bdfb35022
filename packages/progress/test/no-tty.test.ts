import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('fixtures/draw.ts', import.meta.url));

t.test('without a terminal, bars write plain lines on stderr and the summary goes to stdout', async (t) => {
  const { stdout, stderr } = await run(process.execPath, ['--conditions=leadmatch-source', '--import=tsx', FIXTURE], { timeout: 60_000 });
  t.notMatch(stderr, /\x1b/, 'no escape sequences');
  t.notMatch(stderr, /\r/, 'no carriage returns');
  const lines = stderr.split('\n');
  t.equal(lines.at(-1), '', 'every line is ended');
  t.equal(lines[0], '▸ writing documents');
  t.match(lines[1], /^ {2}writing \[-+\] 0% \| 0\/3 documents \| /, 'a line as the bar starts');
  t.match(lines[2], /^ {2}writing \[=+\] 100% \| 3\/3 documents \| /, 'a line as it stops, none in between');
  t.match(lines[3], /^ {2}waiting \[/, 'the time bar starts');
  t.match(lines[4], /^ {2}waiting \[.+\| [0-9.]+\/1 s \| /, 'and stops');
  t.equal(lines.length, 6);
  t.match(stdout, /^drew the bars in [0-9.]+ s\n {2}documents {2}3\n$/);
});
