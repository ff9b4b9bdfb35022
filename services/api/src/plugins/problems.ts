import { DomainError, formatMessages, type FieldError, type Problem } from '@leadmatch/domain';
import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
  503: 'Service unavailable',
};

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
    ...(errors ? { errors } : {}),
  };
  return reply.code(status).type('application/problem+json').send(problem);
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a recognised field';
    case 'type':
      return `must be ${String(p.type).split(',').map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return formatMessages[p.format as keyof typeof formatMessages] ?? `must be a valid ${String(p.format)}`;
    case 'pattern':
    case 'minLength':
      return p.limit === 1 || error.keyword === 'pattern' ? 'must not be empty or blank' : `must be at least ${p.limit} characters`;
    case 'maxLength':
      return `must be at most ${p.limit} characters`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit} (larger values are not plausible)`;
    case 'exclusiveMinimum':
      return `must be greater than ${p.limit}`;
    case 'minItems':
      return `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${p.limit} items`;
    case 'uniqueItems':
      return `must not repeat items (items ${p.j} and ${p.i} are the same)`;
    case 'minProperties':
      return 'must name at least one field';
    default:
      return error.message ?? 'is invalid';
  }
}

function pointerOf(error: ErrorObject): string {
  const p = error.params as Record<string, string>;
  if (error.keyword === 'required') return `${error.instancePath}/${p.missingProperty}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${p.additionalProperty}`;
  return error.instancePath || '/';
}

/** Every offending field once, by JSON pointer; structural `if` wrappers are left out. */
export function fieldErrors(errors: ErrorObject[], location: string): FieldError[] {
  const seen = new Set<string>();
  return errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({ pointer: pointerOf(error), location, message: describe(error) }))
    .filter((error) => {
      const key = `${error.pointer} ${error.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

async function handleError(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const location = error.validationContext ?? 'body';
    const status = location === 'body' ? 422 : 400;
    const errors = fieldErrors(error.validation as ErrorObject[], location);
    return sendProblem(reply, status, 'validation-failed', `The ${location} has ${errors.length} invalid field(s).`, errors);
  }
  if (error instanceof DomainError) return sendProblem(reply, error.status, error.code, error.message, error.errors);
  const known = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined;
  if (known && error.statusCode) return sendProblem(reply, error.statusCode, known.code, known.detail);
  if (error.statusCode && error.statusCode < 500) {
    return sendProblem(reply, error.statusCode, 'bad-request', error.message);
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
