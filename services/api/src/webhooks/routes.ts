import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The webhooks API. */
export const webhooksRoutes: FastifyPluginAsyncTypebox = async () => {};
