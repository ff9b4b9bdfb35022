import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, MAX_FIELD_ERRORS, MAX_POINTER_LENGTH, type FieldError } from '@leadmatch/domain';

/**
 * Text the API refuses wherever it appears (body, query string, path): control characters other than
 * tab, line feed and carriage return (C0, DEL and C1), NUL among them, and lone UTF-16 surrogates,
 * which no UTF-8 store can hold. Postgres would refuse them with a 500; they never reach it.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

type Location = 'body' | 'querystring' | 'params';

function textProblem(text: string): string | null {
  if (CONTROL.test(text)) return 'must not contain control characters other than tab and line breaks';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every refused string, key or non-finite number under `value`, as field errors with JSON pointers.
 * Walked with a stack of its own: hostile bodies nest thousands deep.
 */
export function hostileFields(value: unknown, location: Location): FieldError[] {
  const found: FieldError[] = [];
  const pending: [unknown, string][] = [[value, '']];
  const at = (pointer: string, message: string) => found.push({ pointer: (pointer || '/').slice(0, MAX_POINTER_LENGTH), location, message });
  while (pending.length > 0 && found.length < MAX_FIELD_ERRORS) {
    const [item, pointer] = pending.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) at(pointer, problem);
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) at(pointer, 'must be a finite number');
    } else if (item !== null && typeof item === 'object') {
      const entries = Array.isArray(item) ? item.map((child, i) => [String(i), child] as const) : Object.entries(item);
      for (const [key, child] of entries.reverse()) {
        const keyProblem = textProblem(key);
        if (keyProblem) at(pointer, `a property name ${keyProblem}`);
        else pending.push([child, `${pointer}/${escapePointer(key)}`]);
      }
    }
  }
  return found;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, refused with a 400 when it is not valid UTF-8 (instead of storing U+FFFD). */
export function decodeUtf8Body(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new DomainError('invalid-utf8', 400, 'The body is not valid UTF-8.');
  }
}

function refuseHostileText(request: FastifyRequest): void {
  const errors = [
    ...hostileFields(request.params, 'params'),
    ...hostileFields(request.query, 'querystring'),
    ...hostileFields(request.body, 'body'),
  ];
  if (errors.length > 0) throw new DomainError('invalid-text', 422, `The request has ${errors.length} field(s) with characters or numbers that cannot be stored.`, errors);
}

/**
 * Bodies arrive as they are sent: a Content-Encoding (gzip, br …) is not decoded, so a body that says
 * it has one gets 415 rather than being read as something else. Every string and number that could
 * reach storage is checked before validation.
 */
export const inputText = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      const encoding = request.headers['content-encoding'];
      if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
        throw new DomainError('unsupported-content-encoding', 415, 'Send the body without a Content-Encoding (identity); compressed bodies are not accepted.');
      }
    });
    app.addHook('preValidation', async (request) => refuseHostileText(request));
  },
  { name: 'input-text' },
);
