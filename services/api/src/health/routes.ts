import { Problem } from '@leadmatch/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bilingual, json, paragraphs } from '../openapi-docs.ts';

const CheckResult = Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('not configured')]);
const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
    checks: Type.Object({ database: CheckResult, queue: CheckResult }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

/** A probe that has not answered by then counts as failing, so readiness answers promptly even when a dependency hangs. */
const PROBE_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<void>): Promise<'ok' | 'failing'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch {
    return 'failing';
  } finally {
    clearTimeout(timer);
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
        summary: bilingual('就绪检查：数据库和任务队列可用', 'The database and the job queue answer'),
        description: paragraphs(
          '分别探测数据库和任务队列，每项最多等待 2 秒；都正常时返回 200，否则返回 503 并指出哪一项失败。无需密钥。',
          'Probes the database and the job queue, waiting at most 2 seconds for each: 200 when both answer, ' +
            'otherwise 503 naming the one that failed. No key needed.',
        ),
        response: {
          200: json(Readiness, '可以接收请求', 'Ready for traffic'),
          503: {
            description: bilingual('有依赖不可用，或服务过载（problem+json）', 'A dependency is failing, or the service is overloaded (problem+json)'),
            content: { 'application/json': { schema: Readiness }, 'application/problem+json': { schema: Problem } },
          },
        },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([check(app.database.ping), check(() => app.jobs.ping())]);
      const ready = database === 'ok' && queue === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: { database, queue } });
    },
  );
};
