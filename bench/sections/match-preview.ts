import { phase } from '@leadmatch/progress';
import type { BenchContext } from '../lib/context.ts';
import type { PreviewFigures } from '../lib/figures.ts';
import { SCHEMAS, type SchemaName } from '../lib/isolation.ts';
import { leadRequests } from '../lib/lead-bodies.ts';
import { closedLoop, pacedLoad, type LoadSpec } from '../lib/load.ts';
import type { Section } from '../lib/section.ts';
import { startApi } from '../lib/services.ts';
import { CONNECTIONS, PREVIEW_RATE_PER_SEC } from '../lib/settings.ts';
import { ms, num, type Table } from '../lib/table.ts';

/**
 * POST /v1/match (match now, store nothing) with varied realistic bodies, on the seed catalog and on
 * the synthetic national-scale one, one API process per core. For each: p50/p99 at the stated
 * offered rate over 50 connections (the target figures), then a closed loop at 50 connections for the
 * most the API serves. In a saturated closed loop latency is only 50 ÷ throughput, so it is reported
 * beside, never as, the target.
 */
export const matchPreview: Section = {
  name: 'match-preview',
  async run(ctx, figures) {
    const seed = await measurePreview(ctx, SCHEMAS.seed, 'preview-seed', 'seed catalog');
    figures.matchPreview = { statedRatePerSec: PREVIEW_RATE_PER_SEC, apiProcesses: ctx.settings.apiProcesses, seed };

    phase('match preview: generating and loading the national-scale catalog');
    const catalog = await ctx.nationalCatalog();
    figures.nationalCatalog = catalog;
    const national = await measurePreview(ctx, SCHEMAS.national, 'preview-nat', 'national catalog');
    figures.matchPreview.national = national;

    return [
      previewTable(
        [['seed catalog', seed], ['national catalog', national]],
        figures.matchPreview.apiProcesses,
        `national catalog: ${num(catalog.parks)} parks, ${num(catalog.carriers)} carriers, ${num(catalog.policies)} policies, ` +
          `${num(catalog.platforms)} platforms, ${num(catalog.facts)} facts (generated in ${catalog.generateSeconds} s, loaded in ${catalog.seedSeconds} s)`,
      ),
    ];
  },
};

async function measurePreview(ctx: BenchContext, schema: SchemaName, part: string, label: string): Promise<PreviewFigures> {
  const { settings } = ctx;
  phase(`match preview (${label}): starting the API (${settings.apiProcesses} processes)`);
  const api = await startApi(ctx.target(schema, part), settings.apiProcesses);
  try {
    const load: Omit<LoadSpec, 'label'> = {
      url: api.url,
      method: 'POST',
      path: '/v1/match',
      headers: { authorization: `Bearer ${ctx.keys.crm}` },
      connections: CONNECTIONS,
      next: leadRequests(23, { tag: 'preview', externalIdShare: 0, idempotencyShare: 0 }),
    };
    const section = 'match-preview';
    phase(`match preview (${label}): ${PREVIEW_RATE_PER_SEC} req/s over ${CONNECTIONS} connections, then saturated, ${settings.loadSeconds} s each`);
    ctx.checkLoad(section, `${label} warm-up`, await closedLoop({ ...load, label: 'warm-up', seconds: settings.warmupSeconds }));
    const stated = await pacedLoad({ ...load, label: `${label} @ ${PREVIEW_RATE_PER_SEC}/s`, seconds: settings.loadSeconds, ratePerSec: PREVIEW_RATE_PER_SEC });
    ctx.checkLoad(section, `POST /v1/match (${label}, ${PREVIEW_RATE_PER_SEC} req/s)`, stated);
    const saturated = await closedLoop({ ...load, label: `${label} saturated`, seconds: settings.loadSeconds });
    ctx.checkLoad(section, `POST /v1/match (${label}, saturated)`, saturated);
    if (stated.reqPerSec < 0.95 * PREVIEW_RATE_PER_SEC) {
      ctx.problem(section, `${label}: the API served ${stated.reqPerSec} of the ${PREVIEW_RATE_PER_SEC} req/s offered; its latency is that of an overloaded API`, false);
    }
    return {
      p50Ms: stated.p50Ms,
      p99Ms: stated.p99Ms,
      achievedPerSec: stated.reqPerSec,
      stated: { ...stated, connections: CONNECTIONS },
      saturated: { ...saturated, connections: CONNECTIONS },
    };
  } finally {
    await api.service.stop();
    ctx.checkServiceLog('match-preview', api.service);
  }
}

function previewTable(rows: [string, PreviewFigures][], apiProcesses: number, note: string): Table {
  return {
    title: 'Match preview: POST /v1/match',
    headers: ['catalog', `p50 @ ${PREVIEW_RATE_PER_SEC}/s`, `p99 @ ${PREVIEW_RATE_PER_SEC}/s`, 'served', 'saturated', 'p50 sat.', 'p99 sat.', 'non-2xx'],
    rows: rows.map(([label, preview]) => [
      label,
      ms(preview.p50Ms),
      ms(preview.p99Ms),
      `${num(preview.achievedPerSec)} req/s`,
      `${num(preview.saturated.reqPerSec)} req/s`,
      ms(preview.saturated.p50Ms),
      ms(preview.saturated.p99Ms),
      num(preview.stated.non2xx + preview.saturated.non2xx),
    ]),
    notes: [
      `${apiProcesses} API processes; ${CONNECTIONS} connections both ways; at the stated rate each connection sends ${PREVIEW_RATE_PER_SEC / CONNECTIONS} a second, the connections staggered over the second (pacedLoad in bench/lib/load.ts)`,
      note,
    ],
  };
}
