import { Type, type Static } from 'typebox';
import { CLOSE_OUTCOMES } from './lead-record.ts';
import { LEAD_STATUSES, LEAD_USES, POLICY_INTERESTS, TENURES } from './lead.ts';
import { closed, Nullable, StringEnum } from './schema-helpers.ts';
import { Named } from './schema-names.ts';

const Area = { m2: Type.Number(), mu: Type.Number() };

/** A stored lead as the API returns it: needs normalised to m², 亩 and 万元, text in Simplified Chinese. */
export const LeadView = Named('Lead', Type.Object(
  {
    id: Type.String({ format: 'uuid', maxLength: 36 }),
    externalId: Nullable(Type.String({ maxLength: 100 })),
    status: StringEnum(LEAD_STATUSES, { description: 'pending until matched; failed with statusReason; erased' }),
    statusReason: Nullable(Type.String({ maxLength: 2000, description: 'Why matching failed' })),
    company: Type.Object({ name: Nullable(Type.String({ maxLength: 200 })), creditCode: Nullable(Type.String({ maxLength: 18 })) }, closed),
    contact: Type.Object(
      {
        name: Nullable(Type.String({ maxLength: 100 })),
        phone: Nullable(Type.String({ maxLength: 32, description: 'E.164' })),
        email: Nullable(Type.String({ maxLength: 254 })),
      },
      { ...closed, description: 'All null once the lead has been erased' },
    ),
    industry: Type.String({ maxLength: 500 }),
    industryCode: Nullable(Type.String({ maxLength: 5, description: 'The GB/T 4754-2017 class the company is registered under, as the CRM sent it' })),
    industryCodes: Type.Array(Type.String({ maxLength: 5 }), {
      maxItems: 5,
      description: 'GB/T 4754-2017 codes the lead was classified as when last written, the answer first (a group or division when only that is clear)',
    }),
    uses: Type.Array(StringEnum(LEAD_USES), { maxItems: LEAD_USES.length }),
    land: Nullable(Type.Object(Area, closed)),
    building: Nullable(Type.Object({ ...Area, tenure: StringEnum(TENURES) }, closed)),
    annualTax: Nullable(Type.Object({ wanCny: Type.Number() }, closed)),
    investment: Nullable(Type.Object({ wanCny: Type.Number() }, closed)),
    employees: Nullable(Type.Integer()),
    regions: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
    policyInterests: Type.Array(StringEnum(POLICY_INTERESTS), { maxItems: POLICY_INTERESTS.length }),
    notes: Nullable(Type.String({ maxLength: 4000 })),
    createdAt: Type.String({ format: 'date-time', maxLength: 40 }),
    updatedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    erasedAt: Nullable(Type.String({ format: 'date-time', maxLength: 40 })),
    closedAt: Nullable(Type.String({ format: 'date-time', maxLength: 40, description: 'When the lead was closed; null while open' })),
    outcome: Nullable(StringEnum(CLOSE_OUTCOMES, { description: 'How the lead was closed' })),
    closeNote: Nullable(Type.String({ maxLength: 2000, description: 'Why it was closed; erased with the personal data' })),
  },
  { ...closed, $id: 'Lead' },
));
export type LeadView = Static<typeof LeadView>;
