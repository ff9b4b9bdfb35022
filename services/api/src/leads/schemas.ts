import { LEAD_STATUSES, LeadView, Problem, StringEnum } from '@leadmatch/domain';
import { Type } from 'typebox';

export const LeadParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const LeadListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(LEAD_STATUSES)),
    updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'Only leads changed at or after this time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const LeadPage = Type.Object({
  items: Type.Array(LeadView),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'Replays the first response for a repeated request' }),
  ),
});

/** Problem responses, documented as application/problem+json. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: Problem } } }]),
  );
}
