import { Type, type Static } from 'typebox';
import { CARRIER_STATUSES, CARRIER_TENURES, CARRIER_TYPES, FACT_METRICS, FOCUS_LEVELS, PARK_KINDS, PLATFORM_TYPES, POLICY_KINDS, QUALIFIERS } from './catalog-vocabulary.ts';
import { closed, Nullable, StringEnum, Text } from './schema-helpers.ts';
import { Named } from './schema-names.ts';

/**
 * The park catalog as reviewable seed files and bulk imports: every fact carries the source it was
 * drawn from. Unknown values are null; nothing is filled in by guess.
 */

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 80 });
/** A focus code of the project's own (`biomed`) or a GB/T 4754-2017 code: section `C`, division `C34`, group `C344`, class `C3441`. */
const IndustryCode = Type.String({ pattern: '^([a-z0-9]+(-[a-z0-9]+)*|[A-T]([0-9]{2,4})?)$', maxLength: 60 });
const IsoDate = Type.String({ format: 'date' });

/** Where a fact comes from: a source id and a short phrase quoted from it, as it is written there. */
export const SourceRef = Named('SourceRef', Type.Object(
  {
    source: Slug,
    locator: Text(120, { description: 'A key phrase quoted verbatim from the source, in its own script' }),
  },
  closed,
));
export type SourceRef = Static<typeof SourceRef>;

export const Source = Named('Source', Type.Object(
  {
    id: Slug,
    title: Text(200),
    publisher: Text(200),
    publishedOn: Nullable(IsoDate),
    url: Nullable(Type.String({ maxLength: 500 })),
    note: Nullable(Text(500)),
  },
  closed,
));
export type Source = Static<typeof Source>;

export const Region = Named('Region', Type.Object(
  { province: Text(20), city: Nullable(Text(20)), district: Nullable(Text(30)) },
  closed,
));
export type Region = Static<typeof Region>;

export const GBT_LEVELS = ['section', 'division', 'group', 'class'] as const;
export type GbtLevel = (typeof GBT_LEVELS)[number];

export const Industry = Named('Industry', Type.Object(
  {
    code: IndustryCode,
    parent: Nullable(IndustryCode),
    name: Type.Object({ zhHans: Text(60), zhHant: Text(60), en: Text(120) }, closed),
    synonyms: Type.Object(
      { zh: Type.Array(Text(30), { maxItems: 40 }), en: Type.Array(Text(60), { maxItems: 40 }) },
      closed,
    ),
    related: Type.Array(IndustryCode, { maxItems: 20 }),
    level: Type.Optional(
      StringEnum(GBT_LEVELS, { description: 'GB/T 4754-2017 entries only: 门类 section, 大类 division, 中类 group or 小类 class' }),
    ),
    gbt: Type.Optional(
      Type.Array(IndustryCode, {
        maxItems: 200,
        description: 'Focus codes only: the GB/T 4754-2017 codes the focus covers (a code covers everything beneath it)',
      }),
    ),
  },
  closed,
));
export type Industry = Static<typeof Industry>;

export const ParkIndustry = Named('ParkIndustry', Type.Object(
  { code: IndustryCode, focus: StringEnum(FOCUS_LEVELS), evidence: SourceRef },
  closed,
));

export const IntensityThresholds = Named('IntensityThresholds', Type.Object(
  {
    minTaxPerMuWan: Nullable(Type.Number({ minimum: 0, description: '亩均税收 floor, 万元/亩' })),
    minInvestmentPerMuWan: Nullable(Type.Number({ minimum: 0, description: '亩均投资 floor, 万元/亩' })),
    evidence: Nullable(SourceRef),
  },
  closed,
));

export const Park = Named('Park', Type.Object(
  {
    id: Slug,
    name: Text(80, { description: 'Official name in Simplified Chinese' }),
    nameEn: Text(120),
    kind: StringEnum(PARK_KINDS),
    region: Region,
    parentId: Nullable(Slug),
    industries: Type.Array(ParkIndustry, { maxItems: 40 }),
    thresholds: IntensityThresholds,
    sources: Type.Array(SourceRef, { minItems: 1, maxItems: 20 }),
  },
  closed,
));
export type Park = Static<typeof Park>;

const Amount = Named('Amount', Type.Object(
  {
    value: Type.Number({ minimum: 0 }),
    unit: Text(20, { description: 'As the source states it, e.g. 亿元, 万元, 家, m2, 亩, %' }),
    qualifier: StringEnum(QUALIFIERS),
  },
  closed,
));

export const ClusterFact = Named('ClusterFact', Type.Object(
  {
    id: Slug,
    parkId: Slug,
    industry: Nullable(IndustryCode),
    metric: StringEnum(FACT_METRICS),
    label: Text(200, { description: 'The fact in words (Simplified Chinese)' }),
    amount: Nullable(Amount),
    year: Nullable(Type.Integer({ minimum: 1990, maximum: 2100 })),
    evidence: SourceRef,
  },
  closed,
));
export type ClusterFact = Static<typeof ClusterFact>;

export const Carrier = Named('Carrier', Type.Object(
  {
    id: Slug,
    parkId: Slug,
    type: StringEnum(CARRIER_TYPES),
    label: Text(120, { description: 'How the source names it' }),
    area: Nullable(
      Type.Object(
        { value: Type.Number({ exclusiveMinimum: 0 }), unit: StringEnum(['m2', 'mu'] as const), qualifier: StringEnum(QUALIFIERS) },
        closed,
      ),
    ),
    tenure: Nullable(Type.Array(StringEnum(CARRIER_TENURES), { minItems: 1, maxItems: CARRIER_TENURES.length, uniqueItems: true })),
    status: StringEnum(CARRIER_STATUSES),
    price: Type.Optional(
      Nullable(
        Type.Object(
          { ...Amount.properties, unit: Text(20, { description: 'As the inventory states it, e.g. 元/m2/月, 元/m2, 万元/亩' }) },
          { ...closed, description: 'Asking rent or sale price; absent or null when unknown' },
        ),
      ),
    ),
    evidence: SourceRef,
  },
  closed,
));
export type Carrier = Static<typeof Carrier>;

export const Policy = Named('Policy', Type.Object(
  {
    id: Slug,
    name: Text(160),
    kind: StringEnum(POLICY_KINDS),
    issuer: Nullable(Text(120)),
    parkIds: Type.Array(Slug, { maxItems: 50, description: 'Parks it applies to' }),
    region: Nullable(Region),
    industries: Type.Array(IndustryCode, { maxItems: 30, description: 'Empty when it serves every industry' }),
    benefit: Text(600),
    amounts: Type.Array(Type.Object({ ...Amount.properties, label: Text(120) }, closed), { maxItems: 20 }),
    validFrom: Nullable(IsoDate),
    validTo: Nullable(IsoDate),
    evidence: SourceRef,
  },
  closed,
));
export type Policy = Static<typeof Policy>;

export const Platform = Named('Platform', Type.Object(
  {
    id: Slug,
    name: Text(120),
    type: StringEnum(PLATFORM_TYPES),
    parkId: Nullable(Slug),
    region: Region,
    industries: Type.Array(IndustryCode, { maxItems: 30 }),
    services: Text(600),
    evidence: SourceRef,
  },
  closed,
));
export type Platform = Static<typeof Platform>;

/** The shape of `seeds/` and of a bulk import: each part optional, so a file may hold any subset. */
export const CatalogDocument = Named('CatalogDocument', Type.Object(
  {
    sources: Type.Optional(Type.Array(Source, { maxItems: 1000 })),
    industries: Type.Optional(Type.Array(Industry, { maxItems: 5000 })),
    parks: Type.Optional(Type.Array(Park, { maxItems: 20000 })),
    clusterFacts: Type.Optional(Type.Array(ClusterFact, { maxItems: 50000 })),
    carriers: Type.Optional(Type.Array(Carrier, { maxItems: 100000 })),
    policies: Type.Optional(Type.Array(Policy, { maxItems: 50000 })),
    platforms: Type.Optional(Type.Array(Platform, { maxItems: 50000 })),
  },
  { ...closed, $id: 'CatalogDocument' },
));
export type CatalogDocument = Static<typeof CatalogDocument>;

/** Every kind of catalog document, by the name the API and the store give it. */
export interface CatalogEntities {
  sources: Source;
  industries: Industry;
  parks: Park;
  clusterFacts: ClusterFact;
  carriers: Carrier;
  policies: Policy;
  platforms: Platform;
}
export type CatalogEntity = keyof CatalogEntities;

/** The whole catalog at one version. */
export type CatalogSnapshot = { version: number } & { [E in CatalogEntity]: CatalogEntities[E][] };
