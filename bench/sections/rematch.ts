import { sql, type Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { openJobQueue, type JobLog } from '@leadmatch/jobs';
import { rematchOpenLeads } from '@leadmatch/matching';
import { phase, progressBar } from '@leadmatch/progress';
import type { RematchFigures } from '../lib/figures.ts';
import { SCHEMAS } from '../lib/isolation.ts';
import { leadBodyGenerator, leadRowValues } from '../lib/lead-bodies.ts';
import { otherRequests, summarizeMatches, waitForMatches } from '../lib/match-requests.ts';
import { peakRssMb, type ChildService } from '../lib/processes.ts';
import type { Section } from '../lib/section.ts';
import { startWorker } from '../lib/services.ts';
import { addOfficers } from '../lib/setup.ts';
import { round } from '../lib/stats.ts';
import { num } from '../lib/table.ts';

const INSERT_BATCH = 1000;
const OFFICERS = 20;

/**
 * The nightly re-match at national scale: open leads bulk-inserted into the national-catalog schema
 * (pending and never matched, so each run is a lead's first: suggestions, status, follow-up tasks and
 * events), then the scheduled job `match.rematch-open-leads` enqueued as its cron would, and one worker
 * process left to request and run every match. Wall time runs from the enqueue to the last stored
 * suggestions; peak RSS is the worker's VmHWM.
 */
export const rematch: Section = {
  name: 'rematch',
  async run(ctx, figures) {
    const { settings } = ctx;
    phase('re-match: preparing the national-scale catalog');
    figures.nationalCatalog = await ctx.nationalCatalog();
    const db = await ctx.db(SCHEMAS.national);

    phase(`re-match: inserting ${num(settings.rematchLeads)} open leads`);
    const insertSeconds = await insertOpenLeads(db, ctx.keys.crmOwnerKey, settings.rematchLeads);
    await addOfficers(db, OFFICERS);

    const target = ctx.target(SCHEMAS.national, 'rematch');
    let worker: ChildService | undefined;
    let measured: RematchFigures;
    try {
      worker = await startWorker(target);
      phase(`re-match: enqueueing the scheduled re-match; one worker, concurrency ${settings.workerConcurrency}`);
      const startedAt = await enqueueRematch(db, target.redisUrl, target.queuePrefix);
      const { timedOut } = await waitForMatches(db, {
        label: 're-matched',
        reason: 'scheduled',
        expected: settings.rematchLeads,
        services: [worker],
        stallSeconds: 180,
        limitSeconds: settings.smoke ? 120 : 20 * 60,
      });
      const summary = await summarizeMatches(db, 'scheduled');
      const others = await otherRequests(db, 'scheduled');
      if (others.length > 0) ctx.problem('rematch', `match requests of other reasons ran beside the measured ones: ${others.join(', ')}`, false);
      const wallSeconds = ((timedOut ? Date.now() : summary.lastCompletedAt.getTime()) - startedAt.getTime()) / 1000;
      if (summary.notMatched > 0) ctx.problem('rematch', `${summary.notMatched} of ${summary.leads} re-match requests ended other than 'matched'`);
      if (timedOut) {
        ctx.problem('rematch', `time limit reached with ${summary.leads} of ${settings.rematchLeads} leads re-matched; wall time is a lower bound`, false);
      }
      measured = {
        leads: settings.rematchLeads,
        completed: summary.leads,
        workerConcurrency: settings.workerConcurrency,
        insertSeconds,
        wallSeconds: round(wallSeconds),
        leadsPerSec: round(summary.leads / wallSeconds, 1),
        peakRssMb: await peakRssMb(worker.pid),
        notMatched: summary.notMatched,
        timedOut,
      };
    } finally {
      if (worker) {
        await worker.stop();
        ctx.checkServiceLog('rematch', worker);
      }
    }
    figures.rematch = measured;

    return [
      {
        title: 'Re-match: every open lead against the national-scale catalog (1 worker)',
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
          `leads inserted in ${measured.insertSeconds} s beforehand (not counted); worker concurrency ${measured.workerConcurrency}`,
          ...(measured.timedOut ? [`stopped at the time limit with ${num(measured.completed)} of ${num(measured.leads)} re-matched`] : []),
        ],
      },
    ];
  },
};

/** Multi-row INSERTs of varied, realistic open leads; returns the seconds it took. */
async function insertOpenLeads(db: Kysely<Database>, ownerKey: string, count: number): Promise<number> {
  const next = leadBodyGenerator(43);
  const bar = progressBar('inserting', count, 'leads');
  const started = performance.now();
  try {
    for (let done = 0; done < count; done += INSERT_BATCH) {
      const rows = Array.from({ length: Math.min(INSERT_BATCH, count - done) }, (_, index) => ({
        ...leadRowValues(ownerKey, next()),
        external_id: `REMATCH-${done + index}`,
      }));
      await db.insertInto('leads').values(rows).execute();
      bar.update(done + rows.length);
    }
  } finally {
    bar.stop();
  }
  return round((performance.now() - started) / 1000);
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
