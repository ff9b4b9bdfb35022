import Negotiator from 'negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The languages an answer's explanations are written in: the one the client's Accept-Language
 * prefers among zh and en, or both when it names neither, sends `*`, or sends no header at all.
 * The reply says which (Content-Language) and that the answer depends on the header (Vary).
 */
export function explanationLanguages(request: FastifyRequest, reply: FastifyReply): readonly Language[] {
  reply.header('vary', 'Accept-Language');
  const header = request.headers['accept-language'];
  const chosen = header && header.trim() !== '*' ? new Negotiator({ headers: { 'accept-language': header } }).language([...LANGUAGES]) : undefined;
  const languages = chosen ? [chosen as Language] : LANGUAGES;
  reply.header('content-language', languages.join(', '));
  return languages;
}
