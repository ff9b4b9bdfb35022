import { phase } from '@leadmatch/progress';
import type { IntakeFigures } from '../lib/figures.ts';
import { SCHEMAS } from '../lib/isolation.ts';
import { leadRequests } from '../lib/lead-bodies.ts';
import { closedLoop, type LoadSpec } from '../lib/load.ts';
import type { Section } from '../lib/section.ts';
import { startApi } from '../lib/services.ts';
import { CONNECTIONS } from '../lib/settings.ts';
import { ratio } from '../lib/stats.ts';
import { ms, num, percent } from '../lib/table.ts';

/** Shares of intake requests that carry a CRM externalId, and an Idempotency-Key header. */
export const EXTERNAL_ID_SHARE = 0.3;
export const IDEMPOTENCY_SHARE = 0.1;

/**
 * POST /v1/leads on the seed-catalog API (no worker: this is the accept path alone), one API process
 * per core, closed loop at 50 connections, varied realistic bodies; compared with raw single-row
 * INSERT throughput.
 */
export const intake: Section = {
  name: 'intake',
  async run(ctx, figures) {
    const { settings } = ctx;
    phase(`intake: starting the API (${settings.apiProcesses} processes) on the seed catalog`);
    const api = await startApi(ctx.target(SCHEMAS.seed, 'intake'), settings.apiProcesses);
    let measured: IntakeFigures;
    try {
      const load: Omit<LoadSpec, 'label'> = {
        url: api.url,
        method: 'POST',
        path: '/v1/leads',
        headers: { authorization: `Bearer ${ctx.keys.crm}` },
        connections: CONNECTIONS,
        next: leadRequests(11, { tag: `intake-${ctx.prefix}`, externalIdShare: EXTERNAL_ID_SHARE, idempotencyShare: IDEMPOTENCY_SHARE }),
      };
      phase(`intake: POST /v1/leads, ${CONNECTIONS} connections, ${settings.loadSeconds} s (after ${settings.warmupSeconds} s warm-up)`);
      ctx.checkLoad('intake', 'intake warm-up', await closedLoop({ ...load, label: 'warm-up', seconds: settings.warmupSeconds }));
      const result = await closedLoop({ ...load, label: 'intake', seconds: settings.loadSeconds });
      ctx.checkLoad('intake', 'POST /v1/leads', result);
      const rawInsert = figures.baselines?.rawInsert.insertsPerSec;
      measured = { ...result, connections: CONNECTIONS, apiProcesses: api.processes, ratioToRawInsert: ratio(result.reqPerSec, rawInsert) };
    } finally {
      await api.service.stop();
      ctx.checkServiceLog('intake', api.service);
    }
    figures.intake = measured;
    return [
      {
        title: 'Intake: POST /v1/leads (accept path, no worker)',
        headers: ['load', 'throughput', 'p50', 'p99', 'non-2xx', 'errors', 'vs raw INSERT'],
        rows: [
          [
            `${CONNECTIONS} conn, ${measured.seconds} s`,
            `${num(measured.reqPerSec)} req/s`,
            ms(measured.p50Ms),
            ms(measured.p99Ms),
            num(measured.non2xx),
            num(measured.errors),
            percent(measured.ratioToRawInsert),
          ],
        ],
        notes: [
          `${measured.apiProcesses} API processes; ${percent(EXTERNAL_ID_SHARE)} of bodies carry an externalId, ${percent(IDEMPOTENCY_SHARE)} an Idempotency-Key; statuses ${JSON.stringify(measured.statusCounts)}`,
        ],
      },
    ];
  },
};
