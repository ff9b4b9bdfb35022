import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Problem } from '@leadmatch/domain';
import { bilingual, json, paragraphs, withTimeout } from '@leadmatch/http';

const CheckResult = Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('not configured')]);
const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('not ready')], {
      description: 'ready: all answer; degraded: the database answers but the job queue does not (intake works, matching waits); not ready: the database does not answer',
    }),
    checks: Type.Object({ database: CheckResult, queue: CheckResult }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A probe that has not answered by then counts as failing, so readiness answers promptly even when a dependency hangs. */
const PROBE_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<void>): Promise<'ok' | 'failing'> {
  try {
    await withTimeout(probe(), PROBE_TIMEOUT_MS, 'probe timed out');
    return 'ok';
  } catch {
    return 'failing';
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/live',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: bilingual('存活检查', 'The process is up'),
        description: paragraphs(
          '进程在运行即返回 200，不检查依赖，也不受限流和过载保护影响。无需密钥。',
          'Answers 200 while the process runs, without checking dependencies; neither rate-limited nor shed under load. No key needed.',
        ),
        response: { 200: json(Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }), '进程在运行', 'The process is up') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: bilingual('就绪检查：数据库可用（任务队列不可用时为降级）', 'The database answers (degraded while the job queue does not)'),
        description: paragraphs(
          '分别探测数据库和任务队列，每项最多等待 2 秒。都正常时返回 200 ready；只有任务队列不可用时返回 200 degraded（线索照常接收，匹配在队列恢复后进行）；数据库不可用时返回 503。无需密钥。',
          'Probes the database and the job queue, waiting at most 2 seconds for each: 200 `ready` when both answer; ' +
            '200 `degraded` when only the job queue fails (leads are still accepted and matched once it is back), so a load balancer keeps a working API; ' +
            '503 `not ready` when the database fails. No key needed.',
        ),
        response: {
          200: json(Readiness, '可以接收请求（ready 或 degraded）', 'Ready for traffic (ready or degraded)'),
          503: {
            description: bilingual('数据库不可用，或服务过载（problem+json）', 'The database is failing, or the service is overloaded (problem+json)'),
            content: { 'application/json': { schema: Readiness }, 'application/problem+json': { schema: Problem } },
          },
        },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([check(app.database.ping), check(() => app.jobs.ping())]);
      const status = database !== 'ok' ? 'not ready' : queue !== 'ok' ? 'degraded' : 'ready';
      return reply.code(status === 'not ready' ? 503 : 200).send({ status, checks: { database, queue } });
    },
  );
};
