import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  createWebhookSubscription,
  deleteWebhookSubscription,
  getWebhookDelivery,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  markWebhookDeliveriesEnqueued,
  prepareWebhookReplay,
  updateWebhookSubscription,
  type DeliveryCursor,
  type WebhookDelivery,
  type WebhookSubscription,
} from '@leadmatch/db';
import { Closed, DomainError, List, StringEnum, type AllowedNetworks } from '@leadmatch/domain';
import { deliverWebhook } from '@leadmatch/jobs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { decodeCursor, encodeCursor, type PagePosition } from '../http/cursor.ts';
import { assertWebhookUrl } from './target.ts';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '../openapi-docs.ts';

const closed = { additionalProperties: false } as const;
const tags = ['webhooks'];
const MAX_SUBSCRIPTIONS = 100;
const MAX_ERROR_LENGTH = 2000;

const Url = Type.String({ format: 'uri', minLength: 1, maxLength: 2000, description: 'http or https URL the events are POSTed to' });
const Secret = Type.String({
  minLength: 16,
  maxLength: 200,
  description: 'Shared secret for the X-Signature HMAC; never returned (only a masked hint)',
});
const Events = Type.Array(StringEnum(WEBHOOK_EVENT_TYPES), {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'Event types to receive',
});

const SubscriptionBody = Type.Object({ url: Url, secret: Secret, events: Events }, closed);
const SubscriptionPatch = Type.Object(
  { url: Type.Optional(Url), secret: Type.Optional(Secret), events: Type.Optional(Events), active: Type.Optional(Type.Boolean()) },
  { ...closed, minProperties: 1 },
);

const SubscriptionView = Closed({
  id: Type.String({ format: 'uuid' }),
  url: Type.String({ maxLength: 2000 }),
  events: List(StringEnum(WEBHOOK_EVENT_TYPES), WEBHOOK_EVENT_TYPES.length),
  active: Type.Boolean(),
  secretHint: Type.String({ maxLength: 8, description: 'The last 4 characters of the secret, masked' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const DeliveryView = Closed({
  id: Type.String({ format: 'uuid' }),
  subscriptionId: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid', description: 'The X-Event-Id receivers deduplicate by; the same on every attempt and replay' }),
  eventType: StringEnum(WEBHOOK_EVENT_TYPES),
  status: StringEnum(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer({ description: 'HTTP attempts so far, replays included' }),
  replays: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String({ maxLength: MAX_ERROR_LENGTH }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed);

const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(WEBHOOK_DELIVERY_STATUSES)),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  closed,
);

function subscriptionView(subscription: WebhookSubscription): Static<typeof SubscriptionView> {
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.events as Static<typeof SubscriptionView>['events'],
    active: subscription.active,
    secretHint: `****${subscription.secret.slice(-4)}`,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

function deliveryView(delivery: WebhookDelivery): Static<typeof DeliveryView> {
  return {
    id: delivery.id,
    subscriptionId: delivery.subscriptionId,
    eventId: delivery.eventId,
    eventType: delivery.eventType as Static<typeof DeliveryView>['eventType'],
    status: delivery.status,
    attempts: delivery.attempts,
    replays: delivery.replays,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError?.slice(0, MAX_ERROR_LENGTH) ?? null,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
  };
}


const deliveryCursor = ({ at, id }: PagePosition): DeliveryCursor => ({ createdAt: at, id });

const notFound = (id: string) => new DomainError('not-found', 404, `No webhook subscription ${id}.`);

/** The webhooks API: subscriptions, their delivery log, and replays. Admin only. */
export interface WebhooksRoutesOptions {
  /** Networks that are not public but may receive webhooks (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks: AllowedNetworks;
}

export const webhooksRoutes: FastifyPluginAsyncTypebox<WebhooksRoutesOptions> = async (app, options) => {
  const db = app.database.db;
  const config = { access: 'webhooks:manage' } as const;

  app.post(
    '/v1/webhook-subscriptions',
    {
      config,
      schema: {
        tags,
        summary: bilingual('订阅线索事件', 'Subscribe a URL to lead events'),
        description: paragraphs(
          `事件类型：${WEBHOOK_EVENT_TYPES.join('、')}。每个事件以 JSON 形式 POST 到该地址，并用共享密钥在 X-Signature 中签名。` +
            `最多 ${MAX_SUBSCRIPTIONS} 个订阅，超出时返回 409。仅管理员可用。`,
          `Event types: ${WEBHOOK_EVENT_TYPES.join(', ')}. Each event is POSTed as JSON, signed in X-Signature. ` +
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
      const subscription = await createWebhookSubscription(db, { ...request.body, createdBy: request.principal.keyId });
      reply.code(201).header('location', `/v1/webhook-subscriptions/${subscription.id}`);
      return subscriptionView(subscription);
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
          '停用的订阅不再产生新的投递，待发送的投递直接记为失败、不再发送。',
          'A switched-off subscription gets no new deliveries; its pending ones fail without being sent.',
        ),
        security,
        params: IdParams,
        body: SubscriptionPatch,
        response: { 200: json(SubscriptionView, '修改后的订阅', 'The updated subscription'), ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      await assertWebhookUrl(request.body.url, options.allowedNetworks);
      const subscription = await updateWebhookSubscription(db, request.params.id, request.body);
      if (!subscription) throw notFound(request.params.id);
      return subscriptionView(subscription);
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

  app.post(
    '/v1/webhook-deliveries/:id/replay',
    {
      config,
      schema: {
        tags,
        summary: bilingual('重新发送失败的投递', 'Send a failed delivery again'),
        description: paragraphs(
          '投递回到待发送状态，并以相同的事件 id（X-Event-Id）重发，接收方可据此去重。只有失败的投递可以重发，否则返回 409。请求体可省略。',
          'The delivery goes back to pending and is sent with the same event id (X-Event-Id), so receivers can deduplicate. ' +
            'Only a failed delivery can be replayed (409 otherwise). The body may be left out.',
        ),
        security,
        params: IdParams,
        body: Closed({}),
        response: { 202: json(DeliveryView, '已排队重发', 'Queued to be sent again'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
      // The body is optional: no body is an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const replay = await prepareWebhookReplay(db, request.params.id);
      if (!replay) {
        const delivery = await getWebhookDelivery(db, request.params.id);
        if (!delivery) throw new DomainError('not-found', 404, `No webhook delivery ${request.params.id}.`);
        throw new DomainError('conflict', 409, `Only a failed delivery can be replayed; this one is ${delivery.status}.`);
      }
      try {
        await app.jobs.enqueue(deliverWebhook, { deliveryId: replay.delivery.id }, { jobId: replay.jobId });
        await markWebhookDeliveriesEnqueued(db, [replay.delivery.id]);
      } catch (err) {
        request.log.warn({ err, deliveryId: replay.delivery.id }, 'could not enqueue the replay now; the relay will');
      }
      reply.code(202);
      return deliveryView(replay.delivery);
    },
  );
};
