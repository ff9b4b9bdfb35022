import { sql, type Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { openJobQueue, type JobLog } from '@leadmatch/jobs';
import { rematchOpenLeads } from '@leadmatch/matching';
import { phase } from '@leadmatch/progress';
import type { BenchContext } from './context.ts';
import type { ScheduledRematchFigures } from './figures.ts';
import { SCHEMAS } from './isolation.ts';
import { otherRequests, summarizeMatches, waitForMatches } from './match-requests.ts';
import { peakRssMb, type ChildService } from './processes.ts';
import { startWorker } from './services.ts';
import { round } from './stats.ts';
import { num, type Table } from './table.ts';

/**
 * The nightly re-match on the national-catalog schema: one worker process started, the scheduled
 * job `match.rematch-open-leads` enqueued as its cron would, and the worker left to request and run
 * every match. Wall time runs from the enqueue until `openLeads` scheduled match requests created
 * after it have completed; peak RSS is the worker's VmHWM. Problems are reported under `section`.
 */
export async function measureScheduledRematch(ctx: BenchContext, section: string, openLeads: number): Promise<ScheduledRematchFigures> {
  const { settings } = ctx;
  const db = await ctx.db(SCHEMAS.national);
  const target = ctx.target(SCHEMAS.national, 'rematch');
  let worker: ChildService | undefined;
  try {
    worker = await startWorker(target);
    phase(`${section}: enqueueing the scheduled re-match; one worker, concurrency ${settings.workerConcurrency}`);
    const startedAt = await enqueueRematch(db, target.redisUrl, target.queuePrefix);
    const { timedOut } = await waitForMatches(db, {
      label: 're-matched',
      reason: 'scheduled',
      since: startedAt,
      expected: openLeads,
      services: [worker],
      stallSeconds: 180,
      limitSeconds: settings.smoke ? 120 : 20 * 60,
    });
    const summary = await summarizeMatches(db, 'scheduled', startedAt);
    const others = await otherRequests(db, 'scheduled', startedAt);
    if (others.length > 0) ctx.problem(section, `match requests of other reasons ran beside the measured ones: ${others.join(', ')}`, false);
    const wallSeconds = ((timedOut ? Date.now() : summary.lastCompletedAt.getTime()) - startedAt.getTime()) / 1000;
    if (summary.notMatched > 0) ctx.problem(section, `${summary.notMatched} of ${summary.leads} re-match requests ended other than 'matched'`);
    if (timedOut) ctx.problem(section, `time limit reached with ${summary.leads} of ${openLeads} leads re-matched; wall time is a lower bound`, false);
    return {
      leads: openLeads,
      completed: summary.leads,
      workerConcurrency: settings.workerConcurrency,
      wallSeconds: round(wallSeconds),
      leadsPerSec: round(summary.leads / wallSeconds, 1),
      peakRssMb: await peakRssMb(worker.pid),
      notMatched: summary.notMatched,
      timedOut,
    };
  } finally {
    if (worker) {
      await worker.stop();
      ctx.checkServiceLog(section, worker);
    }
  }
}

/** A re-match's table: one row, and notes (the time limit's, when reached, last). */
export function rematchTable(title: string, measured: ScheduledRematchFigures, notes: string[]): Table {
  return {
    title,
    headers: ['open leads', 'wall time', 'throughput', 'worker peak RSS'],
    rows: [
      [
        num(measured.leads),
        `${measured.timedOut ? '> ' : ''}${num(measured.wallSeconds, 1)} s`,
        `${num(measured.leadsPerSec, 1)} leads/s`,
        `${num(measured.peakRssMb)} MB`,
      ],
    ],
    notes: [
      ...notes,
      ...(measured.timedOut ? [`stopped at the time limit with ${num(measured.completed)} of ${num(measured.leads)} re-matched`] : []),
    ],
  };
}

/** Enqueues the nightly job as its schedule would; returns the database's clock just before. */
async function enqueueRematch(db: Kysely<Database>, redisUrl: string, prefix: string): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  const queue = openJobQueue({ redisUrl, db, prefix, log: silentLog });
  try {
    await queue.enqueue(rematchOpenLeads, {});
  } finally {
    await queue.close();
  }
  return new Date(rows[0]!.now);
}

const silentLog: JobLog = { info: () => {}, warn: () => {}, error: () => {} };
