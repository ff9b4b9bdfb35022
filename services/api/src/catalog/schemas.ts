import {
  CARRIER_TYPES,
  Carrier,
  ClusterFact,
  FOCUS_LEVELS,
  PARK_KINDS,
  Park,
  Platform,
  Policy,
  Region,
  Source,
  StringEnum,
  Nullable,
} from '@leadmatch/domain';
import { Type } from 'typebox';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });

export const IdParams = Type.Object({ id: Slug }, { additionalProperties: false });

export const ParkListQuery = Type.Object(
  {
    industry: Type.Optional(Type.String({ maxLength: 60, description: 'An industry code; parks focused on it or on a narrower code' })),
    region: Type.Optional(Type.String({ maxLength: 30, description: 'Province, city or district, e.g. 苏州市 or 江苏省' })),
    carrierType: Type.Optional(StringEnum(CARRIER_TYPES)),
    parentId: Type.Optional(Slug),
    cursor: Type.Optional(Slug),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const ParkSummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    kind: StringEnum(PARK_KINDS),
    region: Region,
    parentId: Nullable(Type.String()),
    industries: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), focus: StringEnum(FOCUS_LEVELS) })),
  },
  { $id: 'ParkSummary' },
);

export const ParkPage = Type.Object({
  items: Type.Array(ParkSummary),
  nextCursor: Nullable(Type.String()),
  catalogVersion: Type.Integer(),
});

const NamedRef = Type.Object({ id: Type.String(), name: Type.String() });

export const ParkDetail = Type.Object(
  {
    catalogVersion: Type.Integer(),
    park: Park,
    parent: Nullable(NamedRef),
    children: Type.Array(NamedRef),
    clusterFacts: Type.Array(ClusterFact),
    carriers: Type.Array(Carrier),
    policies: Type.Array(Policy, { description: "Policies naming the park, and province- or city-wide ones that reach it" }),
    platforms: Type.Array(Platform),
    sources: Type.Array(Source, { description: 'Every source the facts above cite' }),
    unknown: Type.Array(Type.String(), {
      description: 'JSON pointers of values the sources do not give (null above): unknown, not zero or none',
    }),
  },
  { $id: 'ParkDetail' },
);

export const CatalogWriteResult = Type.Object({
  catalogVersion: Type.Integer(),
  changed: Type.Boolean({ description: 'false when the document was already exactly so' }),
});
