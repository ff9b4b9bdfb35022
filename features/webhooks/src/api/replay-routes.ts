import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Closed, DomainError } from '@leadmatch/domain';
import { bearerAuth as security, bilingual, json, paragraphs, problemResponses } from '@leadmatch/http';
import { prepareWebhookBulkReplay, type ReplayRange } from '../bulk-replay-repository.ts';
import { enqueueWebhookDeliveries } from '../jobs/enqueue.ts';
import { getWebhookDelivery, getWebhookSubscription, prepareWebhookReplay } from '../repository.ts';
import { BulkReplayView, DeliveryView, IdParams, MAX_BULK_REPLAY, MAX_REPLAY_RANGE_DAYS, ReplayRangeBody, deliveryView } from './schemas.ts';

const tags = ['webhooks'];
const DAY_MS = 86_400_000;

function invalidTo(message: string): DomainError {
  return new DomainError('validation-failed', 422, 'The body has 1 invalid field(s).', [{ pointer: '/to', location: 'body', message }]);
}

/** The range a bulk replay names, refused naming `/to` when it is empty, reversed or too wide. */
function replayRange(body: { from: string; to: string }): ReplayRange {
  const range = { from: new Date(body.from), to: new Date(body.to) };
  if (range.to <= range.from) throw invalidTo('must be after from');
  if (range.to.getTime() - range.from.getTime() > MAX_REPLAY_RANGE_DAYS * DAY_MS) throw invalidTo(`must be at most ${MAX_REPLAY_RANGE_DAYS} days after from`);
  return range;
}

/** Replays of failed deliveries: one by its id, or a subscription's in a time range. Admin only. */
export const webhookReplayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const config = { access: 'webhooks:manage' } as const;

  app.post(
    '/v1/webhook-deliveries/:id/replay',
    {
      config,
      schema: {
        tags,
        summary: bilingual('重新发送失败的投递', 'Send a failed delivery again'),
        description: paragraphs(
          '投递回到待发送状态，并以相同的事件 id（webhook-id，以及已弃用的 X-Event-Id）重发，接收方可据此去重。只有失败的投递可以重发，否则返回 409。请求体可省略。',
          'The delivery goes back to pending and is sent with the same event id (webhook-id, and the deprecated X-Event-Id), so receivers can deduplicate. ' +
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
      await enqueueWebhookDeliveries(app.jobs, db, [{ id: replay.delivery.id, jobId: replay.jobId }], request.log);
      reply.code(202);
      return deliveryView(replay.delivery);
    },
  );

  app.post(
    '/v1/webhook-subscriptions/:id/deliveries/replay',
    {
      config,
      schema: {
        tags,
        summary: bilingual('按时间范围重新发送订阅的失败投递', "Send a subscription's failed deliveries in a time range again"),
        description: paragraphs(
          `创建时间在 [from, to) 内的失败投递回到待发送状态并重新发送（事件 id 不变），最早的在前，每次最多 ${MAX_BULK_REPLAY} 个；` +
            `more 为 true 时用同样的请求再调用一次。范围最长 ${MAX_REPLAY_RANGE_DAYS} 天。已在重发中的投递不是失败状态，不会被再次排队，` +
            '所以重复同一请求是安全的。其他订阅和其他状态的投递不受影响。停用的订阅返回 409。仅管理员可用。',
          `The failed deliveries created in [from, to) go back to pending and are sent again (same event ids), oldest first, at most ${MAX_BULK_REPLAY} a call; ` +
            `when more is true, repeat the same request. The range spans at most ${MAX_REPLAY_RANGE_DAYS} days. A delivery already queued again is no longer failed ` +
            'and is not queued twice, so repeating a request is safe. Other subscriptions and deliveries in other states are untouched. ' +
            '409 for a switched-off subscription. Admins only.',
        ),
        security,
        params: IdParams,
        body: ReplayRangeBody,
        response: { 202: json(BulkReplayView, '已排队重发', 'Queued to be sent again'), ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const range = replayRange(request.body);
      const subscription = await getWebhookSubscription(db, request.params.id);
      if (!subscription) throw new DomainError('not-found', 404, `No webhook subscription ${request.params.id}.`);
      if (!subscription.active) throw new DomainError('conflict', 409, 'The subscription is switched off; switch it on before replaying its deliveries.');
      const replay = await prepareWebhookBulkReplay(db, subscription.id, range, MAX_BULK_REPLAY);
      await enqueueWebhookDeliveries(app.jobs, db, replay.deliveries, request.log);
      reply.code(202);
      return { requeued: replay.deliveries.length, deliveryIds: replay.deliveries.map((delivery) => delivery.id), more: replay.more };
    },
  );
};
