import { CARRIER_TENURES, CARRIER_TYPES, LEAD_STATUSES, Nullable, PLATFORM_TYPES, POLICY_KINDS, SourceRef, StringEnum } from '@leadmatch/domain';
import { FACTORS } from '@leadmatch/matching';
import { Type } from 'typebox';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

const Reason = Type.Object({
  factor: StringEnum(FACTORS),
  score: Nullable(Type.Number({ description: 'null: the catalog does not know enough; the factor is neutral' })),
  weight: Type.Number(),
  zh: Type.String(),
  en: Type.String(),
  matchedTerms: Type.Array(Type.String(), { description: "The lead's own words this reason rests on" }),
  evidence: Type.Array(SourceRef, { description: 'Sources of the catalog facts used' }),
});

const Suggestion = Type.Object({
  rank: Type.Integer(),
  park: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), parentName: Nullable(Type.String()) }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  fit: StringEnum(['strong', 'partial', 'weak'] as const, {
    description: 'strong: the lead’s industry is on the park’s focus and nothing known rules it out; partial: some fit; weak: little',
  }),
  carriers: Type.Array(
    Type.Object({
      id: Type.String(),
      type: StringEnum(CARRIER_TYPES),
      label: Type.String(),
      areaM2: Nullable(Type.Number()),
      tenure: Nullable(Type.Array(StringEnum(CARRIER_TENURES))),
      status: Type.String(),
    }),
  ),
  policies: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: StringEnum(POLICY_KINDS) })),
  platforms: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      type: StringEnum(PLATFORM_TYPES),
      inPark: Type.Boolean({ description: 'false: it serves the park’s city or province' }),
    }),
  ),
  reasons: Type.Array(Reason, { description: 'One per factor, in Chinese and English' }),
});

export const MatchResult = Type.Object(
  {
    rulesVersion: Type.String(),
    catalogVersion: Type.Integer(),
    industryCodes: Type.Array(Type.Object({ code: Type.String(), weight: Type.Number(), matchedTerms: Type.Array(Type.String()) })),
    hasStrongFit: Type.Boolean(),
    summary: Bilingual,
    suggestions: Type.Array(Suggestion),
    excluded: Type.Array(Type.Object({ constraint: StringEnum(['region', 'land'] as const), parks: Type.Integer() })),
  },
  { $id: 'MatchResult' },
);

export const MatchRun = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    rulesVersion: Type.String(),
    catalogVersion: Type.Integer(),
    changes: Nullable(
      Type.Object(
        {
          enteredTop3: Type.Array(Type.String()),
          dropped: Type.Array(Type.String()),
          carriersGone: Type.Array(Type.Object({ parkId: Type.String(), carrierId: Type.String() })),
        },
        { description: 'What changed since the previous run; null when nothing did' },
      ),
    ),
    result: MatchResult,
  },
  { description: 'One match of a lead against the catalog' },
);

export const SuggestionsResponse = Type.Object({
  leadId: Type.String({ format: 'uuid' }),
  status: StringEnum(LEAD_STATUSES),
  statusReason: Nullable(Type.String()),
  message: Type.String(),
  run: Nullable(MatchRun),
});
