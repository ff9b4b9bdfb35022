import { phase } from '@leadmatch/progress';
import type { PipelineFigures } from '../lib/figures.ts';
import { SCHEMAS } from '../lib/isolation.ts';
import { leadRequests } from '../lib/lead-bodies.ts';
import { closedLoop } from '../lib/load.ts';
import { otherRequests, summarizeMatches, waitForMatches } from '../lib/match-requests.ts';
import { peakRssMb, type ChildService } from '../lib/processes.ts';
import type { Section } from '../lib/section.ts';
import { startApi, startWorker } from '../lib/services.ts';
import { CONNECTIONS } from '../lib/settings.ts';
import { addOfficers, markCatalogCaughtUp } from '../lib/setup.ts';
import { ratio, round } from '../lib/stats.ts';
import { ms, num, percent } from '../lib/table.ts';
import { EXTERNAL_ID_SHARE, IDEMPOTENCY_SHARE } from './intake.ts';

const OFFICERS = 4;

/**
 * The whole path of a lead: POST /v1/leads through the API (closed loop at 50 connections until the
 * set number of leads were posted) with one worker process matching them, until every accepted lead's
 * match request has completed_at (suggestions, status, follow-up tasks and events stored). Runs in
 * its own schema, so intake's unmatched backlog is not part of it.
 */
export const pipeline: Section = {
  name: 'pipeline',
  async run(ctx, figures) {
    const { settings } = ctx;
    const target = ctx.target(SCHEMAS.pipeline, 'pipeline');
    const db = await ctx.db(SCHEMAS.pipeline);
    phase('pipeline: starting the API and a worker on a fresh seed-catalog schema');
    const services: ChildService[] = [];
    let measured: PipelineFigures;
    try {
      const api = await startApi(target);
      services.push(api.service);
      await markCatalogCaughtUp(db);
      await addOfficers(db, OFFICERS);
      const worker = await startWorker(target);
      services.push(worker);

      phase(`pipeline: posting ${num(settings.pipelineLeads)} leads at ${CONNECTIONS} connections while the worker (concurrency ${settings.workerConcurrency}) matches them`);
      const posting = await closedLoop({
        label: 'posting',
        url: api.url,
        method: 'POST',
        path: '/v1/leads',
        headers: { authorization: `Bearer ${ctx.keys.crm}` },
        connections: CONNECTIONS,
        amount: settings.pipelineLeads,
        next: leadRequests(31, { tag: `pipeline-${ctx.prefix}`, externalIdShare: EXTERNAL_ID_SHARE, idempotencyShare: IDEMPOTENCY_SHARE }),
      });
      ctx.checkLoad('pipeline', 'POST /v1/leads', posting);
      const accepted = posting.statusCounts['201'] ?? 0;

      const { timedOut } = await waitForMatches(db, {
        label: 'matched',
        reason: 'created',
        expected: accepted,
        services,
        stallSeconds: 120,
        limitSeconds: settings.smoke ? 120 : 20 * 60,
      });
      const summary = await summarizeMatches(db, 'created');
      const others = await otherRequests(db, 'created');
      if (others.length > 0) ctx.problem('pipeline', `match requests of other reasons ran beside the measured ones: ${others.join(', ')}`, false);
      const spanSeconds = (summary.lastCompletedAt.getTime() - summary.firstRequestedAt.getTime()) / 1000;
      const leadsPerSec = summary.leads / spanSeconds;
      if (summary.notMatched > 0) ctx.problem('pipeline', `${summary.notMatched} of ${summary.leads} match requests ended other than 'matched'`);
      if (timedOut) ctx.problem('pipeline', `time limit reached with ${summary.leads} of ${accepted} leads matched; figures cover those`, false);
      measured = {
        leads: summary.leads,
        workerConcurrency: settings.workerConcurrency,
        posting: { ...posting, connections: CONNECTIONS },
        spanSeconds: round(spanSeconds),
        leadsPerSec: round(leadsPerSec, 1),
        ratioToRawBullmq: ratio(leadsPerSec, figures.baselines?.rawBullmq.jobsPerSec),
        lagP50Ms: summary.lagP50Ms,
        lagP99Ms: summary.lagP99Ms,
        notMatched: summary.notMatched,
        workerPeakRssMb: await peakRssMb(worker.pid),
        timedOut,
      };
    } finally {
      for (const service of [...services].reverse()) {
        await service.stop();
        ctx.checkServiceLog('pipeline', service);
      }
    }
    figures.pipeline = measured;

    return [
      {
        title: 'Match pipeline: accept → suggestions stored (API + 1 worker)',
        headers: ['leads', 'posting', 'end to end', 'vs raw BullMQ', 'lag p50', 'lag p99', 'worker peak RSS'],
        rows: [
          [
            num(measured.leads),
            `${num(measured.posting.reqPerSec)} req/s`,
            `${num(measured.leadsPerSec, 1)} leads/s`,
            percent(measured.ratioToRawBullmq),
            ms(measured.lagP50Ms),
            ms(measured.lagP99Ms),
            `${num(measured.workerPeakRssMb)} MB`,
          ],
        ],
        notes: [
          `end to end = leads ÷ (last completed_at − first requested_at) = ${num(measured.leads)} ÷ ${measured.spanSeconds} s; lag = completed_at − requested_at per lead`,
          `worker concurrency ${measured.workerConcurrency}, as the raw BullMQ baseline`,
          ...(measured.timedOut ? ['stopped at the time limit: figures cover the leads matched by then'] : []),
        ],
      },
    ];
  },
};
