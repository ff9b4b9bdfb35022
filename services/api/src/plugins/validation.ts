import { createAjv } from '@leadmatch/domain';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

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
