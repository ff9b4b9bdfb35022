import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Swagger UI loads only its own scripts and styles; it replaces the API's stricter policy under /docs. */
const SWAGGER_UI_CSP = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'font-src': "'self' data:",
  'img-src': "'self' data:",
  'object-src': "'none'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  'style-src': "'self'",
  'frame-ancestors': "'none'",
};

/** The OpenAPI 3.1 document comes from the routes' TypeBox schemas; Swagger UI serves it at /docs. */
export const openapi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) },
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Lead matching API',
          version: '0.1.0',
          description:
            'Records investment-attraction leads (招商线索) from a CRM and matches them to industrial parks. ' +
            'Errors are RFC 9457 problem+json documents naming each offending field by JSON pointer.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' } },
        },
        tags: [
          { name: 'leads', description: 'Enterprise leads and their needs' },
          { name: 'matching', description: 'Ranked, explained park suggestions for leads' },
          { name: 'catalog', description: 'Parks, carriers (载体), policies, service platforms and their sources; the industry taxonomy' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { persistAuthorization: true, validatorUrl: null },
      staticCSP: SWAGGER_UI_CSP,
    });
  },
  { name: 'openapi' },
);
