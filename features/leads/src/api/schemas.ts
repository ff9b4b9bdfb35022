import { Type, type Static } from 'typebox';
import { CLOSE_OUTCOMES, closed, LEAD_STATUSES, LeadView, Named, Nullable, StringEnum, Text } from '@leadmatch/domain';

export const LeadParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, closed);

export const DUPLICATE_MATCHES = ['creditCode', 'companyAndPhone'] as const;

/** What POST /v1/leads answers: the lead, and when it was linked to an existing one, which and why. */
export const LeadIntakeResult = Named('LeadIntakeResult', Type.Object(
  {
    ...LeadView.properties,
    duplicateOf: Type.Optional(
      Type.Object(
        {
          leadId: Type.String({ format: 'uuid', maxLength: 36 }),
          matchedBy: StringEnum(DUPLICATE_MATCHES, {
            description: 'creditCode: the same credit code; companyAndPhone: the same normalised company name and phone',
          }),
        },
        {
          ...closed,
          description: 'Present when an open lead of this key already had the company: nothing was created, this is that lead',
        },
      ),
    ),
  },
  { ...closed, $id: 'LeadIntakeResult' },
));
export type LeadIntakeResult = Static<typeof LeadIntakeResult>;

export const LeadClose = Named('LeadClose', Type.Object(
  {
    outcome: StringEnum(CLOSE_OUTCOMES, { description: 'won, lost or withdrawn' }),
    note: Type.Optional(Text(2000, { description: 'Why it was closed; erased with the personal data' })),
  },
  { ...closed, $id: 'LeadClose' },
));
export type LeadClose = Static<typeof LeadClose>;

/** Reopening takes nothing: no body (read as null), or an empty object. */
export const LeadReopen = Nullable(Type.Object({}, { ...closed, description: 'Empty; the body may be left out' }));

export const LeadListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(LEAD_STATUSES)),
    updatedSince: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'Only leads changed at or after this time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const LeadPage = Named('LeadPage', Type.Object(
  {
    items: Type.Array(LeadView, { maxItems: 200 }),
    nextCursor: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: 'null on the last page' }),
  },
  closed,
));

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, description: 'Replays the first response for a repeated request' }),
  ),
});
