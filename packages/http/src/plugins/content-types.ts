import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { decodeUtf8Body } from './input-text.ts';

/**
 * The API speaks JSON only: Fastify's text/plain parser is removed so such bodies get 415. PATCH
 * bodies may also say application/merge-patch+json (RFC 7396); they parse as JSON. Bodies must be
 * valid UTF-8 (a 400 otherwise, never U+FFFD stored in its place).
 */
export const contentTypes = fp(
  async (app: FastifyInstance) => {
    app.removeContentTypeParser('text/plain');
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    for (const type of ['application/json', 'application/merge-patch+json']) {
      app.addContentTypeParser(type, { parseAs: 'buffer' }, (request, body, done) => {
        let text: string;
        try {
          text = decodeUtf8Body(body as Buffer);
        } catch (error) {
          done(error as Error, undefined);
          return;
        }
        parseJson(request, text, done);
      });
    }
  },
  { name: 'content-types' },
);
