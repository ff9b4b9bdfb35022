import { Type, type Static } from 'typebox';
import { closed, maximumPerUnit, Nullable, StringEnum, Text } from './schema-helpers.ts';
import { Named } from './schema-names.ts';
import {
  AREA_UNITS,
  MAX_ANNUAL_TAX_WAN,
  MAX_BUILDING_M2,
  MAX_INVESTMENT_WAN,
  MAX_LAND_M2,
  MONEY_UNITS,
  maxInUnit,
  maxMoneyInUnit,
} from './units.ts';

export const LEAD_USES = ['production', 'rnd', 'lab', 'pilot', 'office', 'warehouse', 'headquarters'] as const;
export type LeadUse = (typeof LEAD_USES)[number];

export const TENURES = ['rent', 'buy', 'build', 'any'] as const;
export type Tenure = (typeof TENURES)[number];

export const POLICY_INTERESTS = ['financing', 'talent', 'ip', 'subsidy', 'listing', 'scenario', 'tax'] as const;
export type PolicyInterest = (typeof POLICY_INTERESTS)[number];

export const LEAD_STATUSES = ['pending', 'matched', 'failed', 'erased'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

function areaLimits(maxM2: number) {
  const maxByUnit = Object.fromEntries(AREA_UNITS.map((unit) => [unit, maxInUnit(maxM2, unit)]));
  return { ...closed, ...maximumPerUnit('area', maxByUnit) };
}

const area = { area: Type.Number({ exclusiveMinimum: 0 }), unit: StringEnum(AREA_UNITS) };

function moneyAmount(maxWan: number) {
  const maxByUnit = Object.fromEntries(MONEY_UNITS.map((unit) => [unit, maxMoneyInUnit(maxWan, unit)]));
  return Type.Object(
    { amount: Type.Number({ minimum: 0 }), unit: StringEnum(MONEY_UNITS) },
    { ...closed, ...maximumPerUnit('amount', maxByUnit) },
  );
}

export const Company = Named('Company', Type.Object(
  {
    name: Text(200, { description: 'Registered company name' }),
    creditCode: Type.Optional(
      Type.String({ format: 'credit-code', description: '18-character 统一社会信用代码; checksum verified' }),
    ),
  },
  closed,
));

export const Contact = Named('Contact', Type.Object(
  {
    name: Text(100),
    phone: Type.String({
      format: 'mobile-phone',
      maxLength: 32,
      description: 'Mainland mobile number (11 digits) or E.164, e.g. +85291234567',
    }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  },
  closed,
));

const LandNeed = Named('LandNeed', Type.Object(area, areaLimits(MAX_LAND_M2)));
const BuildingNeed = Named('BuildingNeed', Type.Object({ ...area, tenure: StringEnum(TENURES) }, areaLimits(MAX_BUILDING_M2)));
const AnnualTax = Named('AnnualTax', moneyAmount(MAX_ANNUAL_TAX_WAN));
const Investment = Named('Investment', moneyAmount(MAX_INVESTMENT_WAN));

const needFields = {
  company: Company,
  contact: Contact,
  industry: Text(500, { description: 'Free text in Simplified Chinese, Traditional Chinese or English' }),
  uses: Type.Array(StringEnum(LEAD_USES), { minItems: 1, maxItems: LEAD_USES.length, uniqueItems: true }),
};

const IndustryCode = Type.String({
  pattern: '^[A-T][0-9]{4}$',
  maxLength: 5,
  description: 'The GB/T 4754-2017 class (小类) the company is registered under, as on its business licence, e.g. C3441',
  examples: ['C3441'],
});

const optionalNeedFields = {
  industryCode: IndustryCode,
  land: LandNeed,
  building: BuildingNeed,
  annualTax: AnnualTax,
  investment: Investment,
  employees: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  regions: Type.Array(Text(50), {
    maxItems: 20,
    description: 'Preferred regions: provinces, cities, counties or districts (GB/T 2260), in Chinese, pinyin or English (苏州, 昆山, Pudong, "Suzhou, Jiangsu")',
  }),
  policyInterests: Type.Array(StringEnum(POLICY_INTERESTS), { maxItems: POLICY_INTERESTS.length, uniqueItems: true }),
  notes: Text(4000),
};

export const LeadInput = Named('LeadInput', Type.Object(
  {
    externalId: Type.Optional(Text(100, { description: "The CRM's own id, unique per API key" })),
    ...needFields,
    industryCode: Type.Optional(optionalNeedFields.industryCode),
    land: Type.Optional(optionalNeedFields.land),
    building: Type.Optional(optionalNeedFields.building),
    annualTax: Type.Optional(optionalNeedFields.annualTax),
    investment: Type.Optional(optionalNeedFields.investment),
    employees: Type.Optional(optionalNeedFields.employees),
    regions: Type.Optional(optionalNeedFields.regions),
    policyInterests: Type.Optional(optionalNeedFields.policyInterests),
    notes: Type.Optional(optionalNeedFields.notes),
  },
  { ...closed, $id: 'LeadInput' },
));
export type LeadInput = Static<typeof LeadInput>;

/**
 * The body of POST /v1/match: the body of POST /v1/leads, but the company and the contact may be left
 * out, as a preview stores nothing and calls nobody.
 */
export const MatchInput = Named('MatchInput', Type.Object(
  { ...LeadInput.properties, company: Type.Optional(needFields.company), contact: Type.Optional(needFields.contact) },
  { ...closed, $id: 'MatchInput' },
));
export type MatchInput = Static<typeof MatchInput>;

/** JSON merge patch of a lead's needs: a field present replaces it, `null` clears an optional one. */
export const LeadPatch = Named('LeadPatch', Type.Object(
  {
    company: Type.Optional(needFields.company),
    contact: Type.Optional(needFields.contact),
    industry: Type.Optional(needFields.industry),
    industryCode: Type.Optional(Nullable(optionalNeedFields.industryCode)),
    uses: Type.Optional(needFields.uses),
    land: Type.Optional(Nullable(optionalNeedFields.land)),
    building: Type.Optional(Nullable(optionalNeedFields.building)),
    annualTax: Type.Optional(Nullable(optionalNeedFields.annualTax)),
    investment: Type.Optional(Nullable(optionalNeedFields.investment)),
    employees: Type.Optional(Nullable(optionalNeedFields.employees)),
    regions: Type.Optional(optionalNeedFields.regions),
    policyInterests: Type.Optional(optionalNeedFields.policyInterests),
    notes: Type.Optional(Nullable(optionalNeedFields.notes)),
  },
  { ...closed, minProperties: 1, $id: 'LeadPatch' },
));
export type LeadPatch = Static<typeof LeadPatch>;
