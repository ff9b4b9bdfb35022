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
  description: 'Shared secret for the X-Signature HMAC; sealed at rest, never returned (only a masked hint)',
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
  previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Until when the secret before the last rotation still signs deliveries (a second v1); null when none does',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}));

export const DeliveryView = Named('WebhookDelivery', Closed({
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
}));

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed);

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
