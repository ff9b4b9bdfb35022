import { Type, type Static } from 'typebox';
import { LEAD_STATUSES, LEAD_USES, POLICY_INTERESTS, TENURES } from './lead.ts';
import { Nullable, StringEnum } from './schema-helpers.ts';

const closed = { additionalProperties: false } as const;
const Area = { m2: Type.Number(), mu: Type.Number() };

/** A stored lead as the API returns it: needs normalised to m², 亩 and 万元, text in Simplified Chinese. */
export const LeadView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    externalId: Nullable(Type.String()),
    status: StringEnum(LEAD_STATUSES, { description: 'pending until matched; failed with statusReason; erased' }),
    statusReason: Nullable(Type.String({ description: 'Why matching failed' })),
    company: Type.Object({ name: Nullable(Type.String()), creditCode: Nullable(Type.String()) }, closed),
    contact: Type.Object(
      {
        name: Nullable(Type.String()),
        phone: Nullable(Type.String({ description: 'E.164' })),
        email: Nullable(Type.String()),
      },
      { ...closed, description: 'All null once the lead has been erased' },
    ),
    industry: Type.String(),
    uses: Type.Array(StringEnum(LEAD_USES)),
    land: Nullable(Type.Object(Area, closed)),
    building: Nullable(Type.Object({ ...Area, tenure: StringEnum(TENURES) }, closed)),
    annualTax: Nullable(Type.Object({ wanCny: Type.Number() }, closed)),
    investment: Nullable(Type.Object({ wanCny: Type.Number() }, closed)),
    employees: Nullable(Type.Integer()),
    regions: Type.Array(Type.String()),
    policyInterests: Type.Array(StringEnum(POLICY_INTERESTS)),
    notes: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    erasedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { ...closed, $id: 'Lead' },
);
export type LeadView = Static<typeof LeadView>;
