import { Type } from 'typebox';
import {
  CARRIER_TENURES,
  CARRIER_TYPES,
  Closed,
  LEAD_STATUSES,
  List,
  Named,
  Nullable,
  PLATFORM_TYPES,
  POLICY_KINDS,
  SourceRef,
  StringEnum,
} from '@leadmatch/domain';
import { FACTORS } from '@leadmatch/matcher';
import { DETAILS } from './result-view.ts';

/** Bounds of what one match can hold: the catalog's own limits (CatalogDocument) and the matcher's. */
const MAX_PARKS = 20_000;
const MAX_PER_PARK = 1000;
const MAX_TERMS = 500;
const MAX_TEXT = 2000;
const Id = Type.String({ maxLength: 80 });
const Name = Type.String({ maxLength: 160 });
const Words = (description?: string) => List(Type.String({ maxLength: 500 }), MAX_TERMS, description ? { description } : {});

const IN_LANGUAGES = 'Present unless Accept-Language chose the other language, or, in a brief answer, the factor could not be judged (score null)';
const Zh = Type.Optional(Type.String({ maxLength: MAX_TEXT, description: `Chinese. ${IN_LANGUAGES}` }));
const En = Type.Optional(Type.String({ maxLength: MAX_TEXT, description: `English. ${IN_LANGUAGES}` }));
const Explanation = Closed({ zh: Zh, en: En });

const Reason = Named('MatchReason', Closed({
  factor: StringEnum(FACTORS),
  score: Nullable(Type.Number({ description: 'null: the catalog does not know enough; the factor is neutral' })),
  weight: Type.Number(),
  zh: Zh,
  en: En,
  matchedTerms: Words("The lead's own words this reason rests on"),
  evidence: List(SourceRef, MAX_PER_PARK, { description: 'Sources of the catalog facts used (brief: none, see evidenceTotal; detail=full: all)' }),
  evidenceTotal: Type.Integer({ minimum: 0, description: 'How many sources the reason rests on in all' }),
}));

const FitName = StringEnum(['strong', 'partial', 'weak'] as const);

const Suggestion = Named('Suggestion', Closed({
  rank: Type.Integer(),
  park: Closed({ id: Id, name: Name, nameEn: Name, parentName: Nullable(Name) }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  fit: StringEnum(['strong', 'partial', 'weak'] as const, {
    description: 'strong: the lead’s industry is on the park’s focus and nothing known rules it out; partial: some fit; weak: little',
  }),
  carriers: List(
    Closed({
      id: Id,
      type: StringEnum(CARRIER_TYPES),
      label: Name,
      areaM2: Nullable(Type.Number()),
      tenure: Nullable(List(StringEnum(CARRIER_TENURES), CARRIER_TENURES.length)),
      status: Type.String({ maxLength: 40 }),
    }),
    MAX_PER_PARK,
    { description: 'Fitting carriers, best first (brief: the first three)' },
  ),
  policies: List(Closed({ id: Id, name: Name, kind: StringEnum(POLICY_KINDS) }), MAX_PER_PARK, {
    description: 'Relevant policies: named by the lead first, then industry-specific, then for every industry (brief: the first three)',
  }),
  platforms: List(
    Closed({
      id: Id,
      name: Name,
      type: StringEnum(PLATFORM_TYPES),
      inPark: Type.Boolean({ description: 'false: it serves the park’s city or province' }),
    }),
    MAX_PER_PARK,
    { description: 'Platforms serving the lead, the park’s own first (brief: the first three)' },
  ),
  totals: Closed(
    { carriers: Type.Integer({ minimum: 0 }), policies: Type.Integer({ minimum: 0 }), platforms: Type.Integer({ minimum: 0 }) },
    { description: 'How many fitting carriers, relevant policies and platforms the park has in all; brief answers list the first three of each' },
  ),
  reasons: List(Reason, FACTORS.length, { description: 'One per factor, in Chinese and English unless Accept-Language chose one' }),
}));

export const MatchResult = Named('MatchResult', Closed(
  {
    rulesVersion: Type.String({ maxLength: 100 }),
    catalogVersion: Type.Integer(),
    industryCodes: List(Closed({ code: Type.String({ maxLength: 60 }), weight: Type.Number(), matchedTerms: Words() }), 2000),
    hasStrongFit: Type.Boolean(),
    summary: Explanation,
    suggestions: List(Suggestion, MAX_PARKS, { description: 'Ranked, best first (brief: the first three)' }),
    suggestionsTotal: Type.Integer({ minimum: 0, description: 'How many parks the match suggests in all' }),
    excluded: List(Closed({ constraint: StringEnum(['region', 'land'] as const), parks: Type.Integer() }), 10),
  },
  { $id: 'MatchResult' },
));

/** What changed since the previous run of a lead. */
const MatchRunChanges = Named('MatchRunChanges', Closed(
  {
    enteredTop3: List(Id, 3),
    dropped: List(Id, MAX_PARKS),
    carriersGone: List(Closed({ parkId: Id, carrierId: Id }), MAX_PARKS),
    top3Before: Type.Optional(List(Id, 3, { description: 'The first three parks before, in order (absent on runs recorded before 2026-12-05)' })),
    top3After: Type.Optional(List(Id, 3, { description: 'The first three parks now, in order' })),
    fitChanged: Type.Optional(
      List(Closed({ parkId: Id, from: FitName, to: FitName }), MAX_PARKS, { description: 'Parks suggested before and now whose fit moved' }),
    ),
  },
  { description: 'What changed since the previous run; null when nothing did' },
));

export const MatchRun = Named('MatchRun', Closed(
  {
    id: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    rulesVersion: Type.String({ maxLength: 100 }),
    catalogVersion: Type.Integer(),
    checked: Nullable(
      Closed({ at: Type.String({ format: 'date-time' }), catalogVersion: Type.Integer(), rulesVersion: Type.String({ maxLength: 100 }) }, {
        description:
          'The last re-match that found this run unchanged (same parks, order, scores, fits and reasons): when, and against which catalog and rules. ' +
          'The words are rendered from that catalog version. Null when none has.',
      }),
    ),
    changes: Nullable(MatchRunChanges),
    result: MatchResult,
  },
  { description: 'One match of a lead against the catalog' },
));

export const SuggestionsResponse = Named('Suggestions', Closed({
  leadId: Type.String({ format: 'uuid' }),
  status: StringEnum(LEAD_STATUSES),
  statusReason: Nullable(Type.String({ maxLength: 500 })),
  message: Type.String({ maxLength: 500 }),
  run: Nullable(MatchRun),
}));

export const ResultQuery = Type.Object(
  {
    detail: StringEnum(DETAILS, {
      default: 'brief',
      description: 'brief: the first three parks, the first three carriers, policies and platforms of each with totals, and words only for the factors judged, without sources; full: all of them',
    }),
  },
  { additionalProperties: false },
);
