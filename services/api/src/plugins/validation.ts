import { customFormats } from '@leadmatch/domain';
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false, useDefaults: true, ...options });
  addFormats.default(ajv);
  for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

/**
 * Bodies are validated strictly (no coercion, every error reported); query strings and paths are
 * text by nature, so their numbers and booleans are coerced.
 */
export const validation = fp(
  async (app: FastifyInstance) => {
    const strict = createAjv({ coerceTypes: false });
    const coercing = createAjv({ coerceTypes: 'array' });
    app.setValidatorCompiler(({ schema, httpPart }) => {
      const ajv = httpPart === 'body' ? strict : coercing;
      const id = (schema as FastifySchema & { $id?: string }).$id;
      return (id ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
    });
  },
  { name: 'validation' },
);
