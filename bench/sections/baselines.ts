import { phase } from '@leadmatch/progress';
import type { HttpFigures } from '../lib/figures.ts';
import { SCHEMAS, schemaUrl } from '../lib/isolation.ts';
import { closedLoop } from '../lib/load.ts';
import { freePort, spawnService, waitForHttp } from '../lib/processes.ts';
import { measureRawBullmq } from '../lib/raw-bullmq.ts';
import { measureRawInsert } from '../lib/raw-insert.ts';
import type { Section } from '../lib/section.ts';
import { CONNECTIONS } from '../lib/settings.ts';
import { ms, num } from '../lib/table.ts';

/**
 * What this machine does with no service code in the way, measured in the same run: Fastify's hello
 * world, raw single-row INSERTs into a leads-shaped table, and raw BullMQ add + no-op processing.
 */
export const baselines: Section = {
  name: 'baselines',
  async run(ctx, figures) {
    const { settings } = ctx;

    phase(`baseline: Fastify hello world, ${CONNECTIONS} connections, ${settings.loadSeconds} s`);
    const helloWorld = await measureHelloWorld(settings.loadSeconds, settings.warmupSeconds);
    ctx.checkLoad('baselines', 'hello world', helloWorld);

    phase(`baseline: raw single-row INSERT, ${CONNECTIONS} connections, ${settings.loadSeconds} s`);
    const rawInsert = await measureRawInsert(
      schemaUrl(ctx.databaseUrl, SCHEMAS.seed),
      ctx.keys.crmOwnerKey,
      CONNECTIONS,
      settings.loadSeconds,
      settings.warmupSeconds,
    );

    phase(`baseline: raw BullMQ, ${num(settings.rawBullmqJobs)} no-op jobs at concurrency ${settings.workerConcurrency}`);
    const rawBullmq = await measureRawBullmq(ctx.redisUrl, `${ctx.prefix}-raw`, settings.rawBullmqJobs, settings.workerConcurrency);

    figures.baselines = { helloWorld, rawInsert, rawBullmq };
    return [
      {
        title: 'Baselines (same machine, same run)',
        headers: ['baseline', 'load', 'throughput', 'p50', 'p99'],
        rows: [
          ['Fastify hello world', `${CONNECTIONS} conn, ${helloWorld.seconds} s`, `${num(helloWorld.reqPerSec)} req/s`, ms(helloWorld.p50Ms), ms(helloWorld.p99Ms)],
          ['raw single-row INSERT', `${CONNECTIONS} conn, ${rawInsert.seconds} s`, `${num(rawInsert.insertsPerSec)} rows/s`, ms(rawInsert.p50Ms), ms(rawInsert.p99Ms)],
          ['raw BullMQ add + no-op', `${num(rawBullmq.jobs)} jobs, conc. ${rawBullmq.concurrency}`, `${num(rawBullmq.jobsPerSec)} jobs/s`, '', ''],
        ],
      },
    ];
  },
};

async function measureHelloWorld(seconds: number, warmupSeconds: number): Promise<HttpFigures> {
  const port = await freePort();
  const server = spawnService('hello world', 'bench/lib/hello-server.ts', { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(server, url, 60_000);
    const load = { url, method: 'GET', path: '/', connections: CONNECTIONS } as const;
    await closedLoop({ ...load, label: 'warm-up', seconds: warmupSeconds });
    return { ...(await closedLoop({ ...load, label: 'hello world', seconds })), connections: CONNECTIONS };
  } finally {
    await server.stop();
  }
}
