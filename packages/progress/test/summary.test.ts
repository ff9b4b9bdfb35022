import t from 'tap';
import { formatElapsed, formatSummary } from '../src/index.ts';

t.test('elapsed time reads in seconds under a minute, in minutes from then on', async (t) => {
  t.equal(formatElapsed(0), '0.0 s');
  t.equal(formatElapsed(4_240), '4.2 s');
  t.equal(formatElapsed(59_940), '59.9 s');
  t.equal(formatElapsed(59_960), '1 min 00 s');
  t.equal(formatElapsed(187_400), '3 min 07 s');
});

t.test('a summary aligns labels, figures to the right and words to the left', async (t) => {
  const text = formatSummary(
    'imported catalog.json',
    [
      ['sources', 12, 'created', 0, 'updated', 1_204, 'unchanged'],
      ['parks', 3, 'created', 15, 'updated', 0, 'unchanged'],
      ['catalog version', 7],
      ['results', 'bench/results/smoke.json'],
    ],
    2_345,
  );
  t.equal(
    text,
    [
      'imported catalog.json in 2.3 s',
      '  sources          12  created   0  updated  1,204  unchanged',
      '  parks             3  created  15  updated      0  unchanged',
      '  catalog version   7',
      '  results          bench/results/smoke.json',
    ].join('\n'),
  );
});

t.test('a summary without rows is its title and time', async (t) => {
  t.equal(formatSummary('nothing to do', [], 120), 'nothing to do in 0.1 s');
});
