import { Type, type Static } from 'typebox';
import { Closed, closed, List, Named, StringEnum } from '@leadmatch/domain';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES, type WebhookDelivery, type WebhookSubscription } from '../repository.ts';

const MAX_ERROR_LENGTH = 2000;
/** How long a rotated-out secret keeps signing, unless the rotation says otherwise. */
export const DEFAULT_SECRET_OVERLAP_HOURS = 24;
const MAX_SECRET_OVERLAP_HOURS = 168;

const Url = Type.String({ format: 'uri', minLength: 1, maxLength: 2000, description: 'http or https URL the events are POSTed to' });
const Secret = Type.String({
  minLength: 16,
  maxLength: 200,
  description:
    'Shared secret that signs deliveries: its UTF-8 bytes are the Standard Webhooks key (standardWebhooksSecret), ' +
    'and it is the key of the deprecated X-Signature HMAC; sealed at rest, never returned (only a masked hint)',
});
const SecretOverlap = Type.Integer({
  minimum: 0,
  maximum: MAX_SECRET_OVERLAP_HOURS,
  description:
    `With a new secret: for how many hours the old one still signs deliveries beside it (two v1 signatures), ` +
    `so receivers can switch without a gap; 0 revokes it at once. Default ${DEFAULT_SECRET_OVERLAP_HOURS}.`,
});
const Events = Type.Array(StringEnum(WEBHOOK_EVENT_TYPES), {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'Event types to receive',
});

export const SubscriptionBody = Type.Object({ url: Url, secret: Secret, events: Events }, closed);
export const SubscriptionPatch = Type.Object(
  {
    url: Type.Optional(Url),
    secret: Type.Optional(Secret),
    previousSecretValidHours: Type.Optional(SecretOverlap),
    events: Type.Optional(Events),
    active: Type.Optional(Type.Boolean()),
  },
  { ...closed, minProperties: 1 },
);

export const SubscriptionView = Named('WebhookSubscription', Closed({
  id: Type.String({ format: 'uuid' }),
  url: Type.String({ maxLength: 2000 }),
  events: List(StringEnum(WEBHOOK_EVENT_TYPES), WEBHOOK_EVENT_TYPES.length),
  active: Type.Boolean(),
  secretHint: Type.String({ maxLength: 8, description: 'The last 4 characters of the secret, masked' }),
  standardWebhooksSecret: Type.Optional(
    Type.String({
      maxLength: 300,
      description:
        'The secret as a Standard Webhooks key: whsec_ and the base64 of its UTF-8 bytes, for new Webhook(key).verify(...). ' +
        'Only in the answer to the POST that creates the subscription and to a PATCH that sets a new secret',
    }),
  ),
  previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Until when the secret before the last rotation still signs deliveries (a second v1); null when none does',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}));

export const DeliveryView = Named('WebhookDelivery', Closed({
  id: Type.String({ format: 'uuid' }),
  subscriptionId: Type.String({ format: 'uuid' }),
  eventId: Type.String({
    format: 'uuid',
    description: 'The webhook-id (and deprecated X-Event-Id) receivers deduplicate by; the same on every attempt and replay',
  }),
  eventType: StringEnum(WEBHOOK_EVENT_TYPES),
  status: StringEnum(WEBHOOK_DELIVERY_STATUSES),
  attempts: Type.Integer({ description: 'HTTP attempts so far, replays included' }),
  replays: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String({ maxLength: MAX_ERROR_LENGTH }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}));

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed);

/** The widest time range one bulk replay may name. */
export const MAX_REPLAY_RANGE_DAYS = 31;
/** The most deliveries one bulk replay sets pending again; `more` tells the caller to repeat it. */
export const MAX_BULK_REPLAY = 500;

export const ReplayRangeBody = Type.Object(
  {
    from: Type.String({ format: 'date-time', maxLength: 40, description: 'Replay failed deliveries created at or after this time' }),
    to: Type.String({
      format: 'date-time',
      maxLength: 40,
      description: `and before this time; after from, at most ${MAX_REPLAY_RANGE_DAYS} days later`,
    }),
  },
  closed,
);

export const BulkReplayView = Named('WebhookBulkReplay', Closed({
  requeued: Type.Integer({ minimum: 0, maximum: MAX_BULK_REPLAY, description: 'How many failed deliveries were queued to be sent again' }),
  deliveryIds: List(Type.String({ format: 'uuid' }), MAX_BULK_REPLAY, { description: 'Their ids, oldest first' }),
  more: Type.Boolean({ description: 'true when failed deliveries remain in the range beyond this call: repeat the same request' }),
}));

export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(WEBHOOK_DELIVERY_STATUSES)),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  closed,
);

export function subscriptionView(subscription: WebhookSubscription): Static<typeof SubscriptionView> {
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.events as Static<typeof SubscriptionView>['events'],
    active: subscription.active,
    secretHint: subscription.secretHint,
    previousSecretValidUntil: subscription.previousSecretValidUntil?.toISOString() ?? null,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export function deliveryView(delivery: WebhookDelivery): Static<typeof DeliveryView> {
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
