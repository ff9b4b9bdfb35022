import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Problem } from './context.ts';
import type { Figures } from './figures.ts';
import { ROOT } from './processes.ts';
import { PREVIEW_RATE_PER_SEC } from './settings.ts';
import { ms, num, percent, type Table } from './table.ts';

export interface Machine {
  cpuModel: string;
  cores: number;
  totalMemoryMb: number;
  node: string;
  postgres: string;
  redis: string;
}

export interface Commit {
  sha: string;
  dirty: boolean;
}

export interface Target {
  /** The results.json path of the measured figure. */
  key: string;
  label: string;
  comparison: '≥' | '≤';
  threshold: number;
  unit: 'ratio' | 'ms' | 's' | 'MB' | 'B';
  measured: number | null;
  /** null when the figure was not measured in this run. */
  met: boolean | null;
}

/** results.json: the run, then every section's figures at the top level (`intake.p99Ms` is a real path). */
export type Results = {
  machine: Machine;
  date: string;
  commit: Commit;
  mode: 'full' | 'smoke';
  sections: string[];
} & Figures & {
  targets: Target[];
  problems: Problem[];
};

export async function describeMachine(databaseUrl: string, redisUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  await client.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const info = await redis.info('server');
  await redis.quit();
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    postgres,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
  };
}

/** The checked-out commit, and whether tracked files differ from it (bench results excepted). */
export function describeCommit(): Commit {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results', ':!BENCHMARKS.md');
    return { sha: git('rev-parse', '--short', 'HEAD'), dirty: changed.length > 0 };
  } catch {
    return { sha: 'unknown', dirty: false };
  }
}

const TARGETS: Omit<Target, 'measured' | 'met'>[] = [
  { key: 'intake.ratioToRawInsert', label: 'Intake throughput vs raw single-row INSERT', comparison: '≥', threshold: 0.5, unit: 'ratio' },
  { key: 'intake.p99Ms', label: 'Intake p99 at 50 connections', comparison: '≤', threshold: 25, unit: 'ms' },
  { key: 'matchPreview.seed.p99Ms', label: `Match preview p99, seed catalog, ${PREVIEW_RATE_PER_SEC} req/s`, comparison: '≤', threshold: 5, unit: 'ms' },
  { key: 'matchPreview.national.p99Ms', label: `Match preview p99, national catalog, ${PREVIEW_RATE_PER_SEC} req/s`, comparison: '≤', threshold: 50, unit: 'ms' },
  { key: 'pipeline.ratioToRawBullmq', label: 'Match pipeline throughput vs raw BullMQ', comparison: '≥', threshold: 0.2, unit: 'ratio' },
  { key: 'rematch.wallSeconds', label: 'Re-match of 100,000 open leads, wall time', comparison: '≤', threshold: 120, unit: 's' },
  { key: 'rematchUnchanged.wallSeconds', label: 'Re-match of 100,000 open leads again, catalog unchanged, wall time', comparison: '≤', threshold: 30, unit: 's' },
  { key: 'rematch.storedRun.diskMaxBytes', label: 'A stored national-catalog run (its facts), on disk, largest', comparison: '≤', threshold: 5120, unit: 'B' },
  { key: 'micro.classify.p99Ms', label: 'Classify one description, whole GB/T 4754 loaded, p99', comparison: '≤', threshold: 0.2, unit: 'ms' },
  { key: 'rematch.peakRssMb', label: 'Re-match, peak worker RSS', comparison: '≤', threshold: 512, unit: 'MB' },
  { key: 'ledgerImport.seconds', label: 'Ledger import of 10,000 rows (.xlsx), wall time', comparison: '≤', threshold: 30, unit: 's' },
];

function lookup(figures: Figures, key: string): number | null {
  let value: unknown = figures;
  for (const part of key.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? value : null;
}

export function evaluateTargets(figures: Figures): Target[] {
  return TARGETS.map((target) => {
    const measured = lookup(figures, target.key);
    const met = measured === null ? null : target.comparison === '≥' ? measured >= target.threshold : measured <= target.threshold;
    return { ...target, measured, met };
  });
}

export function targetsTable(targets: Target[], smoke: boolean): Table {
  const show = (target: Target, value: number) =>
    target.unit === 'ratio' ? percent(value) : target.unit === 'ms' ? ms(value) : `${num(value, 1)} ${target.unit}`;
  return {
    title: 'Targets',
    headers: ['target', 'wanted', 'measured', 'met'],
    rows: targets.map((target) => [
      target.label,
      `${target.comparison} ${show(target, target.threshold)}`,
      target.measured === null ? 'not run' : show(target, target.measured),
      target.met === null ? '–' : target.met ? '✓' : '✗',
    ]),
    notes: smoke ? ['smoke run: loads of ~1 s and reduced sizes, so these say only that the bench works, not whether targets are met'] : [],
  };
}

export function resultsFile(smoke: boolean, complete: boolean): string {
  return join(ROOT, 'bench/results', smoke ? 'smoke.json' : complete ? 'latest.json' : 'partial.json');
}

export async function writeResults(file: string, results: Results): Promise<void> {
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}
