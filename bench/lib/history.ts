import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './processes.ts';
import type { Results } from './results.ts';
import { num, percent } from './table.ts';

export const BENCHMARKS_MD = join(ROOT, 'BENCHMARKS.md');
const HISTORY_HEADER = '| Date | Commit | Machine |';

/** Appends a run to the History table of BENCHMARKS.md (its last row). */
export async function recordHistory(results: Results): Promise<void> {
  const lines = (await readFile(BENCHMARKS_MD, 'utf8')).split('\n');
  const header = lines.findIndex((line) => line.startsWith(HISTORY_HEADER));
  if (header < 0) throw new Error(`BENCHMARKS.md has no History table (a line starting "${HISTORY_HEADER}")`);
  let end = header + 2;
  while (end < lines.length && lines[end]!.startsWith('|')) end += 1;
  lines.splice(end, 0, historyRow(results));
  await writeFile(BENCHMARKS_MD, lines.join('\n'));
}

function historyRow(results: Results): string {
  const { machine, commit, baselines, intake, matchPreview, pipeline, rematch, rematchUnchanged, targets, problems } = results;
  const met = targets.filter((target) => target.met).length;
  const cells = [
    results.date.slice(0, 10),
    `${commit.sha}${commit.dirty ? ' (dirty)' : ''}`,
    `${machine.cpuModel} ×${machine.cores}, ${num(machine.totalMemoryMb / 1024)} GB, Node ${machine.node}, PG ${machine.postgres}, Redis ${machine.redis}`,
    `${num(intake?.reqPerSec)} req/s (${percent(intake?.ratioToRawInsert)} of ${num(baselines?.rawInsert.insertsPerSec)})`,
    `${num(intake?.p99Ms, 1)} ms`,
    `${num(matchPreview?.seed?.p99Ms, 1)} / ${num(matchPreview?.national?.p99Ms, 1)} ms`,
    `${num(pipeline?.leadsPerSec, 1)} leads/s (${percent(pipeline?.ratioToRawBullmq)} of ${num(baselines?.rawBullmq.jobsPerSec)})`,
    `${num(rematch?.wallSeconds, 1)} s, ${num(rematch?.peakRssMb)} MB`,
    rematchUnchanged ? `${num(rematchUnchanged.wallSeconds, 1)} s` : '–',
    `${met}/${targets.length}`,
    num(problems.filter((problem) => problem.failing).length),
  ];
  return `| ${cells.join(' | ')} |`;
}
