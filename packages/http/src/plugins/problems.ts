import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable } from '@leadmatch/db';
import {
  DomainError,
  fieldErrors,
  MAX_FIELD_ERRORS,
  problemDocument,
  problemTypeEntry,
  type FieldError,
  type ProblemStatusOf,
  type ProblemType,
  type ValidationIssue,
} from '@leadmatch/domain';

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;
const DATABASE_UNAVAILABLE_DETAIL = 'The database cannot be reached right now. Retry later, with the same Idempotency-Key if you sent one.';

/** Fastify's errors that have a problem type of their own; Fastify gives the status. */
const FRAMEWORK_PROBLEMS: Record<string, { type: ProblemType; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { type: 'unsupported-media-type', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { type: 'body-too-large', detail: 'The body must be at most 64 KiB.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { type: 'malformed-json', detail: 'The body is empty but the content type says JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { type: 'malformed-json', detail: 'The body is not valid JSON.' },
};

/** Any problem type at any status: for Fastify's errors, whose status Fastify decides. */
function answer(reply: FastifyReply, status: number, type: ProblemType, detail: string, errors?: readonly FieldError[]) {
  const problem = problemDocument(type, status, detail, { instance: reply.request.url, ...(errors && { errors: errors.slice(0, MAX_FIELD_ERRORS) }) });
  return reply.code(status).type('application/problem+json').send(problem);
}

/** Answers with a problem of a type PROBLEM_TYPES lists, at a status it gives that type, titled as it says. */
export function sendProblem<T extends ProblemType>(reply: FastifyReply, status: ProblemStatusOf<T>, type: T, detail: string, errors?: FieldError[]) {
  return answer(reply, status, type, detail, errors);
}

/** Errors Fastify raises before routing (a path parameter too long, a badly encoded URL), as problem+json too. */
export function sendFrameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, 414, 'path-too-long', 'A path parameter is too long.');
  return answer(reply, error.statusCode ?? 400, 'bad-url', 'The URL is not validly encoded.');
}

/** A problem Node's HTTP parser makes us answer: its status and title (the reason phrase) as PROBLEM_TYPES gives them. */
function clientProblem<T extends 'request-timeout' | 'headers-too-large' | 'malformed-request'>(type: T, status: ProblemStatusOf<T>, detail: string) {
  return { ...problemDocument(type, status, detail), reason: problemTypeEntry(type, status)!.title };
}

/** What Node's HTTP parser refuses before Fastify sees a request, by the parser's error code. */
const CLIENT_ERRORS: Record<string, ReturnType<typeof clientProblem>> = {
  ERR_HTTP_REQUEST_TIMEOUT: clientProblem('request-timeout', 408, 'The request did not arrive in time.'),
  HPE_HEADER_OVERFLOW: clientProblem('headers-too-large', 431, 'The request headers are larger than the server accepts.'),
};
const MALFORMED_REQUEST = clientProblem(
  'malformed-request',
  400,
  'The request is not valid HTTP; a URL must percent-encode characters outside ASCII (苏州 is %E8%8B%8F%E5%B7%9E).',
);

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses still gets a problem document,
 * written straight to the socket as no reply exists yet.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { reason, ...problem } = (error.code && CLIENT_ERRORS[error.code]) || MALFORMED_REQUEST;
    const { status } = problem;
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

async function handleError(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const location = error.validationContext ?? 'body';
    const status = location === 'body' ? 422 : 400;
    const errors = fieldErrors(error.validation as ValidationIssue[], location);
    return sendProblem(reply, status, 'validation-failed', `The ${location} has ${errors.length} invalid field(s).`, errors);
  }
  if (error instanceof DomainError) return answer(reply, error.status, error.code, error.message, error.errors);
  const known = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined;
  if (known && error.statusCode) return answer(reply, error.statusCode, known.type, known.detail);
  if (error.statusCode && error.statusCode < 500) {
    return answer(reply, error.statusCode, 'bad-request', error.message);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return sendProblem(reply, 503, 'database-unavailable', DATABASE_UNAVAILABLE_DETAIL);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, 500, 'internal-error', 'Something went wrong on our side; the request was not applied.');
}

/** One error model: every failure leaves as RFC 9457 problem+json. */
export const problems = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, 404, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    );
  },
  { name: 'problems' },
);
