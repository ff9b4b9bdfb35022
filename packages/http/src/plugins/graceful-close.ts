import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const SWEEP_INTERVAL_MS = 50;

/**
 * Closing waits for every open connection, and keep-alive connections that finish their last request
 * after the close began would otherwise linger for the keep-alive timeout. So, once closing, every
 * response says `Connection: close` and idle connections are closed as soon as they fall idle.
 */
export const gracefulClose = fp(
  async (app: FastifyInstance) => {
    let sweeper: NodeJS.Timeout | undefined;
    app.addHook('onSend', async (_request, reply) => {
      if (sweeper) reply.header('connection', 'close');
    });
    app.addHook('preClose', async () => {
      sweeper = setInterval(() => app.server.closeIdleConnections(), SWEEP_INTERVAL_MS).unref();
    });
    app.addHook('onClose', async () => clearInterval(sweeper));
  },
  { name: 'graceful-close' },
);
