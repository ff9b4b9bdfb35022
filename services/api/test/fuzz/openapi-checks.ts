import type { LightMyRequestResponse } from 'fastify';
import { createAjv } from '@leadmatch/domain';
import { document, resolveRef, type Method } from './openapi-document.ts';
import { refusalProblems, shorten } from './support.ts';

/**
 * What the OpenAPI fuzz demands of an answer (issue 14): never a 5xx; every 4xx a problem+json document
 * of the shape openapi.json gives `Problem`; a validation problem names its fields; a request carrying
 * a character the API refuses is never accepted, and when refused as invalid text the problem names
 * where the character was.
 */

export interface Expected {
  location: 'body' | 'querystring' | 'params';
  pointer: string;
  /** The problem's pointer may go deeper (a repeated query parameter is an array). */
  prefix?: boolean;
}

export interface Sent {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Characters or numbers the API must refuse, and where; empty when nothing sent must be refused. */
  refused: Expected[];
  /** Whether each path parameter was a valid value (a real id or schema-generated). */
  validPath: boolean;
}

export const escapePointer = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: (string | number)[]) => (path.length ? `/${path.map(escapePointer).join('/')}` : '/');

const ajv = createAjv();
const isProblem = ajv.compile(resolveRef(document, { $ref: '#/components/schemas/Problem' }));
/** Problem types whose documents name each offending field (errors[], by JSON pointer). */
const FIELD_PROBLEMS = new Set(['/problems/validation-failed', '/problems/invalid-text']);

interface ProblemDocument {
  type?: unknown;
  status?: unknown;
  detail?: unknown;
  errors?: { pointer: string; location: string; message: string }[];
}

/** Every rule the answer to `sent` breaks; empty when it keeps them all. */
export function answerProblems(sent: Sent, response: LightMyRequestResponse): string[] {
  const problems = refusalProblems(response);
  const status = response.statusCode;
  if (status < 400) {
    if (sent.refused.length) problems.push(`accepted (${status}) what must be refused at ${sent.refused.map((r) => `${r.location} ${r.pointer}`).join(', ')}`);
    return problems;
  }
  let problem: ProblemDocument;
  try {
    problem = response.json() as ProblemDocument;
  } catch {
    return problems; // refusalProblems said the body is not JSON.
  }
  if (!isProblem(problem)) problems.push(`not a Problem as openapi.json describes it: ${ajv.errorsText(isProblem.errors)}`);
  if (FIELD_PROBLEMS.has(String(problem.type))) {
    if (!problem.errors?.length) problems.push(`a ${String(problem.type)} naming no field`);
    if (problem.type === '/problems/invalid-text') {
      for (const expected of sent.refused) {
        const named = problem.errors?.some(
          (error) =>
            error.location === expected.location &&
            (error.pointer === expected.pointer || (expected.prefix === true && (expected.pointer === '/' || error.pointer.startsWith(`${expected.pointer}/`)))),
        );
        if (!named) problems.push(`invalid-text does not name ${expected.location} ${expected.pointer}`);
      }
    }
  }
  if (status === 404 && sent.validPath && String(problem.detail).startsWith('No route')) problems.push('openapi.json documents an operation the app does not route');
  return problems;
}

/** The request, long values cut short, for a failure message. */
export const describe = (sent: Sent) =>
  JSON.stringify({ method: sent.method, url: sent.url, headers: sent.headers, payload: Buffer.isBuffer(sent.payload) ? sent.payload.toString('latin1') : sent.payload }, shorten);
