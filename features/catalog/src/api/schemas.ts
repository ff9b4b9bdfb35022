import { Type } from 'typebox';
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
  Closed,
  List,
  Named,
} from '@leadmatch/domain';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });

/** A document id, or an industry code: a focus code (a slug) or a GB/T 4754-2017 code such as C3442. */
export const IdParams = Type.Object(
  { id: Type.String({ pattern: '^([a-z0-9]+(-[a-z0-9]+)*|[A-T]([0-9]{2,4})?)$', maxLength: 80 }) },
  { additionalProperties: false },
);

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

/** Upper bounds of the catalog as the bulk import admits it (CatalogDocument). */
export const MAX_PARKS = 20_000;
const MAX_PER_PARK = 100_000;

export const ParkSummary = Named('ParkSummary', Closed(
  {
    id: Park.properties.id,
    name: Park.properties.name,
    nameEn: Park.properties.nameEn,
    kind: StringEnum(PARK_KINDS),
    region: Region,
    parentId: Nullable(Park.properties.id),
    industries: List(Closed({ code: Type.String({ maxLength: 60 }), name: Type.String({ maxLength: 40 }), focus: StringEnum(FOCUS_LEVELS) }), 40),
  },
  { $id: 'ParkSummary' },
));

export const ParkPage = Named('ParkPage', Closed({
  items: List(ParkSummary, 500),
  nextCursor: Nullable(Slug),
  catalogVersion: Type.Integer(),
}));

const NamedRef = Named('ParkRef', Closed({ id: Park.properties.id, name: Park.properties.name }));

export const ParkDetail = Named('ParkDetail', Closed(
  {
    catalogVersion: Type.Integer(),
    park: Park,
    parent: Nullable(NamedRef),
    children: List(NamedRef, MAX_PARKS),
    clusterFacts: List(ClusterFact, MAX_PER_PARK),
    carriers: List(Carrier, MAX_PER_PARK),
    policies: List(Policy, MAX_PER_PARK, { description: "Policies naming the park, and province- or city-wide ones that reach it" }),
    platforms: List(Platform, MAX_PER_PARK),
    sources: List(Source, 1000, { description: 'Every source the facts above cite' }),
    unknown: List(Type.String({ maxLength: 200 }), MAX_PER_PARK, {
      description: 'JSON pointers of values the sources do not give (null above): unknown, not zero or none',
    }),
  },
  { $id: 'ParkDetail' },
));
