import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const CheckResult = Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('not configured')]);
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  checks: Type.Object({ database: CheckResult, queue: CheckResult }),
});

async function check(probe: () => Promise<void>): Promise<'ok' | 'failing'> {
  try {
    await probe();
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
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The database and the job queue answer',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [database, queue] = await Promise.all([check(app.database.ping), check(() => app.jobs.ping())]);
      const ready = database === 'ok' && queue === 'ok';
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: { database, queue } });
    },
  );
};
