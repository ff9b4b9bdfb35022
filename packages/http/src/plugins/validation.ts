import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { createAjv } from '@leadmatch/domain';

type Ajv = ReturnType<typeof createAjv>;

/** The instants whose ISO form (toISOString) is RFC 3339: years 0000 to 9999 in UTC. */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** The check a format registered on `ajv` makes, as a function of the text. */
function formatCheck(ajv: Ajv, name: string): (text: string) => boolean {
  const format: unknown = ajv.formats[name];
  const check = typeof format === 'object' && format !== null && 'validate' in format ? format.validate : format;
  if (typeof check === 'function') return (text) => (check as (text: string) => unknown)(text) === true;
  if (check instanceof RegExp || typeof check === 'string') {
    const pattern = new RegExp(check);
    return (text) => pattern.test(text);
  }
  throw new Error(`the validator has no ${name} format to narrow`);
}

/** A UUID as Postgres's uuid type reads it: hex in 8-4-4-4-12 groups, nothing around it. */
const PLAIN_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Formats narrowed to what the rest of the API can hold, so a value that passes validation never makes
 * a 500 further on; one that does not is refused naming its field, like any other invalid value.
 *
 * - `uuid`: ajv also takes a `urn:uuid:` prefix, which Postgres's uuid type refuses (22P02): a 500
 *   wherever such an id reached a query.
 * - `date-time`: RFC 3339 (and ajv) allow what a JavaScript Date cannot hold, a leap second (23:59:60Z)
 *   and with ajv an hour-only offset (+08), a 500 once a route made a Date of it; and an offset can
 *   take an instant past year 9999 or before year 0000 in UTC, which came back as no RFC 3339
 *   (+010000-01-01T…), and as a cursor the API's own cursor check refuses. Year 0000 itself is
 *   refused too: embedded PGlite sends such a Date to Postgres as year 0, which Postgres has not
 *   (the pg driver writes 1 BC instead), so it was a 500 there only.
 */
function narrowFormats(ajv: Ajv): Ajv {
  const rfc3339 = formatCheck(ajv, 'date-time');
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => {
      if (!rfc3339(text)) return false;
      const instant = Date.parse(text);
      return instant >= FIRST_INSTANT && instant <= LAST_INSTANT;
    },
  });
  ajv.addFormat('uuid', { type: 'string', validate: PLAIN_UUID });
  return ajv;
}

/**
 * Bodies are validated strictly (no coercion, every error reported); query strings and paths are
 * text by nature, so their numbers and booleans are coerced.
 */
export const validation = fp(
  async (app: FastifyInstance) => {
    const strict = narrowFormats(createAjv({ coerceTypes: false }));
    const coercing = narrowFormats(createAjv({ coerceTypes: 'array' }));
    app.setValidatorCompiler(({ schema, httpPart }) => {
      const ajv = httpPart === 'body' ? strict : coercing;
      const id = (schema as FastifySchema & { $id?: string }).$id;
      return (id ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
    });
  },
  { name: 'validation' },
);
