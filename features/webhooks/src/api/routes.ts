import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Closed, DomainError, List, type AllowedNetworks } from '@leadmatch/domain';
import {
  bearerAuth as security,
  bilingual,
  decodeCursor,
  encodeCursor,
  json,
  type PagePosition,
  paragraphs,
  problemResponses,
} from '@leadmatch/http';
import { WEBHOOK_EVENT_TYPES, createWebhookSubscription, deleteWebhookSubscription, getWebhookSubscription, listWebhookDeliveries, listWebhookSubscriptions, updateWebhookSubscription, type DeliveryCursor } from '../repository.ts';
import { standardWebhooksSecret } from '../signing.ts';
import { webhookReplayRoutes } from './replay-routes.ts';
import {
  DEFAULT_SECRET_OVERLAP_HOURS,
  DeliveryQuery,
  DeliveryView,
  IdParams,
  SubscriptionBody,
  SubscriptionPatch,
  SubscriptionView,
  deliveryView,
  subscriptionView,
} from './schemas.ts';
import { assertWebhookUrl } from './target.ts';

const tags = ['webhooks'];
const MAX_SUBSCRIPTIONS = 100;
const HOUR_MS = 3_600_000;

const deliveryCursor = ({ at, id }: PagePosition): DeliveryCursor => ({ createdAt: at, id });

const notFound = (id: string) => new DomainError('not-found', 404, `No webhook subscription ${id}.`);

/** The webhooks API: subscriptions, their delivery log, and replays. Admin only. */
export interface WebhooksRoutesOptions {
  /** Networks that are not public but may receive webhooks (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks: AllowedNetworks;
}

export const webhooksRoutes: FastifyPluginAsyncTypebox<WebhooksRoutesOptions> = async (app, options) => {
  const db = app.database.db;
  const { personalData } = app;
  const config = { access: 'webhooks:manage' } as const;

  app.post(
    '/v1/webhook-subscriptions',
    {
      config,
      schema: {
        tags,
        summary: bilingual('订阅线索事件', 'Subscribe a URL to lead events'),
        description: paragraphs(
          `事件类型：${WEBHOOK_EVENT_TYPES.join('、')}。每个事件以 JSON 形式 POST 到该地址，按 Standard Webhooks 规范用共享密钥签名：` +
            'webhook-id（事件 id）、webhook-timestamp、webhook-signature。应答中的 standardWebhooksSecret（whsec_ 加密钥 UTF-8 字节的 base64）' +
            '即 Standard Webhooks 库验证所用的密钥，只在此应答和更换密钥的 PATCH 应答中出现。' +
            'X-Event-Id 和 X-Signature 已弃用，本版本仍一同发送，下一版本移除。' +
            `最多 ${MAX_SUBSCRIPTIONS} 个订阅，超出时返回 409。仅管理员可用。`,
          `Event types: ${WEBHOOK_EVENT_TYPES.join(', ')}. Each event is POSTed as JSON, signed with the shared secret as the ` +
            'Standard Webhooks specification defines: webhook-id (the event id), webhook-timestamp and webhook-signature. ' +
            "The answer's standardWebhooksSecret (whsec_ and the base64 of the secret's UTF-8 bytes) is the key a Standard Webhooks library verifies with; " +
            'it appears only in this answer and in that of a PATCH setting a new secret. ' +
            'Deprecated: X-Event-Id and X-Signature, still sent beside them in this release, removed in the next. ' +
            `At most ${MAX_SUBSCRIPTIONS} subscriptions (409 beyond). Admins only.`,
        ),
        security,
        body: SubscriptionBody,
        response: { 201: json(SubscriptionView, '已订阅', 'Subscribed'), ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      await assertWebhookUrl(request.body.url, options.allowedNetworks);
      if ((await listWebhookSubscriptions(db)).length >= MAX_SUBSCRIPTIONS) {
        throw new DomainError('too-many-subscriptions', 409, `At most ${MAX_SUBSCRIPTIONS} subscriptions; delete one first.`);
      }
      const subscription = await createWebhookSubscription(db, personalData, { ...request.body, createdBy: request.principal.keyId });
      reply.code(201).header('location', `/v1/webhook-subscriptions/${subscription.id}`);
      return { ...subscriptionView(subscription), standardWebhooksSecret: standardWebhooksSecret(request.body.secret) };
    },
  );

  app.get(
    '/v1/webhook-subscriptions',
    {
      config,
      schema: {
        tags,
        summary: bilingual('全部 Webhook 订阅（最早在前）', 'Every webhook subscription, oldest first'),
        description: paragraphs('密钥只显示末 4 位。仅管理员可用。', 'Secrets show only their last 4 characters. Admins only.'),
        security,
        response: {
          200: json(Closed({ items: List(SubscriptionView, MAX_SUBSCRIPTIONS) }), '订阅列表', 'The subscriptions'),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => ({ items: (await listWebhookSubscriptions(db)).map(subscriptionView) }),
  );

  app.get(
    '/v1/webhook-subscriptions/:id',
    {
      config,
      schema: {
        tags,
        summary: bilingual('查看一个 Webhook 订阅', 'One webhook subscription'),
        description: paragraphs('密钥只显示末 4 位。仅管理员可用。', 'The secret shows only its last 4 characters. Admins only.'),
        security,
        params: IdParams,
        response: { 200: json(SubscriptionView, '订阅', 'The subscription'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const subscription = await getWebhookSubscription(db, request.params.id);
      if (!subscription) throw notFound(request.params.id);
      return subscriptionView(subscription);
    },
  );

  app.patch(
    '/v1/webhook-subscriptions/:id',
    {
      config,
      schema: {
        tags,
        summary: bilingual('修改订阅的地址、密钥、事件或启用状态', 'Change the URL, secret, events or active flag of a subscription'),
        description: paragraphs(
          '停用的订阅不再产生新的投递，待发送的投递直接记为失败、不再发送。' +
            `更换密钥后，旧密钥在 previousSecretValidHours 小时内（默认 ${DEFAULT_SECRET_OVERLAP_HOURS}）仍一同签名：webhook-signature（以及已弃用的 X-Signature）带两个 v1，接收方任一验证通过即可；0 表示立即作废。` +
            '更换密钥的应答带有新密钥的 standardWebhooksSecret。',
          'A switched-off subscription gets no new deliveries; its pending ones fail without being sent. ' +
            `After a new secret, the old one still signs beside it for previousSecretValidHours hours (default ${DEFAULT_SECRET_OVERLAP_HOURS}): ` +
            'webhook-signature (and the deprecated X-Signature) carries two v1 values and a receiver accepts either; 0 revokes the old one at once. ' +
            'The answer to a new secret carries its standardWebhooksSecret.',
        ),
        security,
        params: IdParams,
        body: SubscriptionPatch,
        response: { 200: json(SubscriptionView, '修改后的订阅', 'The updated subscription'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const { secret, previousSecretValidHours, ...patch } = request.body;
      if (secret === undefined && previousSecretValidHours !== undefined) {
        throw new DomainError('validation-failed', 422, 'The body has 1 invalid field(s).', [
          { pointer: '/previousSecretValidHours', location: 'body', message: 'applies only together with a new secret' },
        ]);
      }
      await assertWebhookUrl(patch.url, options.allowedNetworks);
      const rotation = secret === undefined ? undefined : { secret, overlapMs: (previousSecretValidHours ?? DEFAULT_SECRET_OVERLAP_HOURS) * HOUR_MS };
      const subscription = await updateWebhookSubscription(db, personalData, request.params.id, { ...patch, ...(rotation && { rotation }) });
      if (!subscription) throw notFound(request.params.id);
      return { ...subscriptionView(subscription), ...(secret !== undefined && { standardWebhooksSecret: standardWebhooksSecret(secret) }) };
    },
  );

  app.delete(
    '/v1/webhook-subscriptions/:id',
    {
      config,
      schema: {
        tags,
        summary: bilingual('删除订阅及其投递记录', 'Delete a subscription and its delivery log'),
        description: paragraphs('删除后不再投递，投递记录一并删除。仅管理员可用。', 'No more deliveries; the delivery log goes too. Admins only.'),
        security,
        params: IdParams,
        response: { 204: Type.Null({ description: bilingual('已删除', 'Deleted') }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteWebhookSubscription(db, request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhook-subscriptions/:id/deliveries',
    {
      config,
      schema: {
        tags,
        summary: bilingual('订阅的投递记录（最新在前）', "A subscription's delivery log, newest first"),
        description: paragraphs(
          '可按状态筛选。游标分页：把 nextCursor 作为 cursor 传回，直到它为 null。',
          'Filter by status. Cursor pagination: pass nextCursor back as cursor until it is null.',
        ),
        security,
        params: IdParams,
        querystring: DeliveryQuery,
        response: {
          200: json(
            Closed({
              items: List(DeliveryView, 200),
              nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'null on the last page' }),
            }),
            '一页投递记录',
            'A page of deliveries',
          ),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const after = request.query.cursor === undefined ? undefined : deliveryCursor(decodeCursor(request.query.cursor));
      if (!(await getWebhookSubscription(db, request.params.id))) throw notFound(request.params.id);
      const { limit, status } = request.query;
      const page = await listWebhookDeliveries(db, request.params.id, { status, limit: limit + 1, after });
      const items = page.slice(0, limit);
      return { items: items.map(deliveryView), nextCursor: page.length > limit ? encodeCursor({ at: items.at(-1)!.createdAt, id: items.at(-1)!.id }) : null };
    },
  );

  await app.register(webhookReplayRoutes);
};
