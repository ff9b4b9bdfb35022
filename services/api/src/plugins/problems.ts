import { isDatabaseUnavailable } from '@leadmatch/db';
import { DomainError, fieldErrors, MAX_FIELD_ERRORS, type FieldError, type Problem, type ValidationIssue } from '@leadmatch/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Duplex } from 'node:stream';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;
const DATABASE_UNAVAILABLE_DETAIL = 'The database cannot be reached right now. Retry later, with the same Idempotency-Key if you sent one.';

const FRAMEWORK_PROBLEMS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', detail: 'Send the body as application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body-too-large', detail: 'The body must be at most 64 KiB.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed-json', detail: 'The body is empty but the content type says JSON.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', detail: 'The body is not valid JSON.' },
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors?: FieldError[]) {
  const problem: Problem = {
    type: `/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: reply.request.url,
    ...(errors ? { errors: errors.slice(0, MAX_FIELD_ERRORS) } : {}),
  };
  return reply.code(status).type('application/problem+json').send(problem);
}

/** Errors Fastify raises before routing (a path parameter too long, a badly encoded URL), as problem+json too. */
export function sendFrameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, 414, 'path-too-long', 'A path parameter is too long.');
  return sendProblem(reply, error.statusCode ?? 400, 'bad-url', 'The URL is not validly encoded.');
}

/** What Node's HTTP parser refuses before Fastify sees a request, by the parser's error code. */
const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request-timeout', detail: 'The request did not arrive in time.' },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'headers-too-large',
    detail: 'The request headers are larger than the server accepts.',
  },
};
const MALFORMED_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  code: 'malformed-request',
  detail: 'The request is not valid HTTP; a URL must percent-encode characters outside ASCII (苏州 is %E8%8B%8F%E5%B7%9E).',
};

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses still gets a problem document,
 * written straight to the socket as no reply exists yet.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, reason, code, detail } = (error.code && CLIENT_ERRORS[error.code]) || MALFORMED_REQUEST;
    const body = JSON.stringify({ type: `/problems/${code}`, title: reason, status, detail } satisfies Problem);
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
  if (error instanceof DomainError) return sendProblem(reply, error.status, error.code, error.message, error.errors);
  const known = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined;
  if (known && error.statusCode) return sendProblem(reply, error.statusCode, known.code, known.detail);
  if (error.statusCode && error.statusCode < 500) {
    return sendProblem(reply, error.statusCode, 'bad-request', error.message);
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
