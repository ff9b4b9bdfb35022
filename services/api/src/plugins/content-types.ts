import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The API speaks JSON only: Fastify's text/plain parser is removed so such bodies get 415. PATCH
 * bodies may also say application/merge-patch+json (RFC 7396); they parse as JSON.
 */
export const contentTypes = fp(
  async (app: FastifyInstance) => {
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser(
      'application/merge-patch+json',
      { parseAs: 'string' },
      app.getDefaultJsonParser('error', 'error'),
    );
  },
  { name: 'content-types' },
);
