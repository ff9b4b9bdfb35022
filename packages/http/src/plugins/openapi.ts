import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bilingual, paragraphs, withAnyRequestProblems } from '../openapi/docs.ts';
import { finishDocument, markNamedSchemas, operationIdFor } from '../openapi/document.ts';

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
      transform: ({ schema, url, route }) => {
        const operationId = operationIdFor([route.method].flat()[0]!, url);
        return { schema: markNamedSchemas({ operationId, ...withAnyRequestProblems(schema, route.config?.access) }), url };
      },
      transformObject: (document) => finishDocument('openapiObject' in document ? document.openapiObject : document.swaggerObject),
      openapi: {
        openapi: '3.1.0',
        // Relative, so the document names no host and Try it out calls the server that serves it.
        servers: [{ url: '/', description: bilingual('提供本文档的服务', 'The server this document comes from') }],
        info: {
          title: '招商线索匹配 API · Lead matching API',
          version: '0.1.0',
          description: paragraphs(
            '从 CRM 接收招商线索（企业及其用地、厂房、税收等需求），匹配到合适的产业园区，并用中英文逐项说明理由和出处。' +
              '点击 Authorize 填入 API 密钥（API_KEYS 中的一个）后即可用 Try it out 直接调用。' +
              '所有错误均为 RFC 9457 problem+json 文档，用 JSON pointer 指出每个有问题的字段。',
            'Records investment-attraction leads (招商线索) from a CRM and matches them to industrial parks, explaining each ' +
              'suggestion in Chinese and English with its sources. Use Authorize with an API key (one from API_KEYS), then Try it out. ' +
              'Errors are RFC 9457 problem+json documents naming each offending field by JSON pointer.',
          ),
        },
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: bilingual('API_KEYS 中的一个 API 密钥，其角色决定可用的接口', 'An API key from API_KEYS; its role decides what it may call'),
            },
          },
        },
        tags: [
          { name: 'leads', description: bilingual('招商线索：企业及其需求', 'Enterprise leads and their needs') },
          { name: 'matching', description: bilingual('为线索推荐园区：排序并附中英文理由', 'Ranked, explained park suggestions for leads') },
          {
            name: 'catalog',
            description: bilingual(
              '园区目录：园区、载体、政策、服务平台及其来源，产业分类',
              'Parks, carriers (载体), policies, service platforms and their sources; the industry taxonomy',
            ),
          },
          { name: 'follow-ups', description: bilingual('跟进任务：分配、提醒、完成', 'Follow-up tasks: assignment, reminders, completion') },
          { name: 'staff', description: bilingual('招商工作人员及其角色', 'Staff members and their roles') },
          { name: 'webhooks', description: bilingual('Webhook 订阅与投递记录', 'Webhook subscriptions and their delivery log') },
          { name: 'operations', description: bilingual('运维：指标与任务队列（仅管理员）', 'Operations: metrics and job queues (admins only)') },
          { name: 'health', description: bilingual('存活与就绪检查（无需密钥）', 'Liveness and readiness (no key needed)') },
        ],
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // BaseLayout leaves out the standalone top bar: its Swagger logo carries an inline <style> the policy blocks,
      // and its box for loading other documents has no use here.
      uiConfig: { layout: 'BaseLayout', persistAuthorization: true, validatorUrl: null },
      staticCSP: SWAGGER_UI_CSP,
    });
  },
  { name: 'openapi' },
);
