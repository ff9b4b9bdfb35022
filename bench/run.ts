import { relative } from 'node:path';
import { summary } from '@leadmatch/progress';
import { parseArgs, USAGE } from './lib/args.ts';
import { BenchContext } from './lib/context.ts';
import type { Figures } from './lib/figures.ts';
import { recordHistory } from './lib/history.ts';
import { deleteRedisKeys, dropSchemas, recreateSchemas, runPrefix } from './lib/isolation.ts';
import { checkServices } from './lib/preflight.ts';
import { ROOT, stopAllServices } from './lib/processes.ts';
import { describeCommit, describeMachine, evaluateTargets, resultsFile, targetsTable, writeResults, type Results } from './lib/results.ts';
import type { Section } from './lib/section.ts';
import { generateApiKeys } from './lib/services.ts';
import { benchSettings } from './lib/settings.ts';
import { renderTable } from './lib/table.ts';
import { baselines } from './sections/baselines.ts';
import { spreadsheetExports } from './sections/exports.ts';
import { intake } from './sections/intake.ts';
import { ledgerImport } from './sections/ledger-import.ts';
import { matchPreview } from './sections/match-preview.ts';
import { micro } from './sections/micro.ts';
import { pipeline } from './sections/pipeline.ts';
import { rematchUnchanged } from './sections/rematch-unchanged.ts';
import { rematch } from './sections/rematch.ts';

/** `npm run bench`: see bench/README.md. In this order, as ratios need their baselines first. */
const SECTIONS: Section[] = [baselines, intake, matchPreview, pipeline, rematch, rematchUnchanged, ledgerImport, micro, spreadsheetExports];

const args = parseArgs(process.argv.slice(2));
if ('problem' in args) {
  console.error(`bench: ${args.problem}\n${USAGE}`);
  process.exit(1);
}
const services = await checkServices(process.env);
if ('problem' in services) {
  console.error(`bench: ${services.problem}`);
  process.exit(1);
}
const { databaseUrl, redisUrl } = services;

const settings = benchSettings(args.smoke);
const prefix = runPrefix();
const ctx = new BenchContext(settings, databaseUrl, redisUrl, prefix, generateApiKeys());
const date = new Date();
const commit = describeCommit();
const machine = await describeMachine(databaseUrl, redisUrl);

/** Stops every child, closes the pools, drops the bench schemas and deletes the run's Redis keys; once. */
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await stopAllServices();
    await ctx.close();
    await dropSchemas(databaseUrl);
    await deleteRedisKeys(redisUrl, prefix);
  })());
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\nbench: ${signal}: stopping the services and removing the bench schemas and Redis keys`);
    void cleanUp().finally(() => process.exit(130));
  });
}

console.log(
  `leadmatch bench (${args.smoke ? 'smoke' : 'full'}): ${args.sections.join(', ')}\n` +
    `  ${machine.cpuModel} ×${machine.cores}, ${Math.round(machine.totalMemoryMb / 1024)} GB, Node ${machine.node}, ` +
    `Postgres ${machine.postgres}, Redis ${machine.redis}; commit ${commit.sha}${commit.dirty ? ' (dirty)' : ''}; ` +
    `worker concurrency ${settings.workerConcurrency}`,
);

const figures: Figures = {};
const failed = (where: string, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  ctx.problem(where, `did not finish: ${message}`);
  console.error(`bench: ${where} did not finish: ${message}`);
};
try {
  await recreateSchemas(databaseUrl);
  for (const section of SECTIONS.filter((candidate) => args.sections.includes(candidate.name))) {
    if (interrupted) break;
    try {
      for (const table of await section.run(ctx, figures)) console.log(renderTable(table));
    } catch (error) {
      failed(section.name, error);
    }
  }
} catch (error) {
  failed('setup', error);
} finally {
  await cleanUp();
}

const targets = evaluateTargets(figures);
const results: Results = {
  machine,
  date: date.toISOString(),
  commit,
  mode: args.smoke ? 'smoke' : 'full',
  sections: args.sections,
  ...figures,
  targets,
  problems: ctx.problems,
};
console.log(renderTable(targetsTable(targets, args.smoke)));
if (ctx.problems.length > 0) {
  console.log(
    renderTable({
      title: 'Problems seen while measuring',
      headers: ['section', 'fails the run', 'what'],
      textColumns: 3,
      rows: ctx.problems.map((problem) => [problem.section, problem.failing ? 'yes' : 'no', problem.message.split('\n')[0]!.slice(0, 240)]),
    }),
  );
}

const file = resultsFile(args.smoke, args.complete);
await writeResults(file, results);
if (args.record) await recordHistory(results);
const failing = ctx.problems.filter((problem) => problem.failing).length;
const targetsWhere = (met: boolean | null) => targets.filter((target) => target.met === met).length;
console.log();
summary(`bench (${results.mode}) ${failing ? 'failed' : 'finished'}`, [
  ['targets met', targetsWhere(true), `of ${targets.length}`, args.smoke ? '(a smoke run only shows the bench works)' : ''],
  ['targets missed', targetsWhere(false)],
  ['not measured', targetsWhere(null)],
  ['problems', ctx.problems.length, failing ? `${failing} fail the run` : ''],
  ['results written to', relative(ROOT, file)],
  ...(args.record ? [['history appended to', 'BENCHMARKS.md'] as const] : []),
]);
process.exit(failing ? 1 : 0);
