import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** The followups API. */
export const followupsRoutes: FastifyPluginAsyncTypebox = async () => {};
