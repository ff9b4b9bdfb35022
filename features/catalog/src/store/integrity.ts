import { gbtShape, isGbtCode } from '@leadmatch/catalog-core';
import type { SourceRef, CatalogEntities, CatalogEntity } from '@leadmatch/domain';

/** The catalog as plain lists, keyed by entity. */
export type CatalogState = { [E in CatalogEntity]: CatalogEntities[E][] };

export interface IntegrityProblem {
  entity: CatalogEntity;
  id: string;
  /** JSON pointer inside the entity's document. */
  path: string;
  message: string;
  /** The id this problem points at, when it is a broken reference. */
  refersTo?: string;
}

type Check = (state: Indexed) => IntegrityProblem[];

interface Indexed {
  state: CatalogState;
  sources: Set<string>;
  industries: Map<string, CatalogEntities['industries']>;
  parks: Map<string, CatalogEntities['parks']>;
}

function index(state: CatalogState): Indexed {
  return {
    state,
    sources: new Set(state.sources.map((source) => source.id)),
    industries: new Map(state.industries.map((industry) => [industry.code, industry])),
    parks: new Map(state.parks.map((park) => [park.id, park])),
  };
}

const missing = (entity: CatalogEntity, id: string, path: string, kind: string, ref: string): IntegrityProblem => ({
  entity,
  id,
  path,
  message: `refers to ${kind} "${ref}", which is not in the catalog`,
  refersTo: ref,
});

function evidenceProblems(ix: Indexed, entity: CatalogEntity, id: string, path: string, ref: SourceRef | null) {
  return ref && !ix.sources.has(ref.source) ? [missing(entity, id, `${path}/source`, 'source', ref.source)] : [];
}

function industryProblems(ix: Indexed, entity: CatalogEntity, id: string, path: string, codes: string[]) {
  return codes.flatMap((code, i) =>
    ix.industries.has(code) ? [] : [missing(entity, id, `${path}/${i}`, 'industry', code)],
  );
}

function parkProblem(ix: Indexed, entity: CatalogEntity, id: string, path: string, parkId: string | null) {
  return parkId !== null && !ix.parks.has(parkId) ? [missing(entity, id, path, 'park', parkId)] : [];
}

/** Follows `parentOf` from each item and reports the items that come back to themselves. */
function cycles<T>(items: Map<string, T>, parentOf: (item: T) => string | null): string[] {
  return [...items.keys()].filter((start) => {
    const seen = new Set<string>();
    for (let at: string | null = start; at !== null; at = parentOf(items.get(at)!) ?? null) {
      if (seen.has(at)) return at === start;
      seen.add(at);
      if (!items.has(at)) return false;
    }
    return false;
  });
}

/** A GB/T code's level follows from its length and its parent is its prefix; focus codes cover only GB/T codes. */
function standardShapeProblems(industry: CatalogEntities['industries']): IntegrityProblem[] {
  const problem = (path: string, message: string): IntegrityProblem => ({ entity: 'industries', id: industry.code, path, message });
  if (!isGbtCode(industry.code)) {
    return [
      ...(industry.level === undefined ? [] : [problem('/level', 'only GB/T 4754-2017 codes have a level')]),
      ...(industry.gbt ?? []).flatMap((code, i) => (isGbtCode(code) ? [] : [problem(`/gbt/${i}`, `"${code}" is not a GB/T 4754-2017 code`)])),
    ];
  }
  const expected = gbtShape(industry.code);
  return [
    ...(industry.level === expected.level ? [] : [problem('/level', `must be "${expected.level}" for a code of this length`)]),
    ...(industry.parent === expected.parent ? [] : [problem('/parent', `must be ${expected.parent === null ? 'null' : `"${expected.parent}"`}`)]),
    ...(industry.gbt === undefined ? [] : [problem('/gbt', 'only focus codes list the GB/T codes they cover')]),
  ];
}

const checks: Check[] = [
  (ix) =>
    ix.state.industries.flatMap((industry) => [
      ...(industry.parent === null ? [] : industryProblems(ix, 'industries', industry.code, '/parent', [industry.parent]).map((p) => ({ ...p, path: '/parent' }))),
      ...industryProblems(ix, 'industries', industry.code, '/related', industry.related),
      ...industryProblems(ix, 'industries', industry.code, '/gbt', industry.gbt ?? []),
      ...standardShapeProblems(industry),
    ]),
  (ix) =>
    cycles(ix.industries, (industry) => industry.parent).map((code) => ({
      entity: 'industries' as const,
      id: code,
      path: '/parent',
      message: 'its parents lead back to itself',
    })),
  (ix) =>
    ix.state.parks.flatMap((park) => [
      ...parkProblem(ix, 'parks', park.id, '/parentId', park.parentId),
      ...park.industries.flatMap((industry, i) => [
        ...industryProblems(ix, 'parks', park.id, `/industries/${i}`, [industry.code]).map((p) => ({ ...p, path: `/industries/${i}/code` })),
        ...evidenceProblems(ix, 'parks', park.id, `/industries/${i}/evidence`, industry.evidence),
      ]),
      ...park.sources.flatMap((ref, i) => evidenceProblems(ix, 'parks', park.id, `/sources/${i}`, ref)),
      ...evidenceProblems(ix, 'parks', park.id, '/thresholds/evidence', park.thresholds.evidence),
    ]),
  (ix) =>
    cycles(ix.parks, (park) => park.parentId).map((id) => ({
      entity: 'parks' as const,
      id,
      path: '/parentId',
      message: 'its parents lead back to itself',
    })),
  (ix) =>
    ix.state.clusterFacts.flatMap((fact) => [
      ...parkProblem(ix, 'clusterFacts', fact.id, '/parkId', fact.parkId),
      ...(fact.industry === null ? [] : industryProblems(ix, 'clusterFacts', fact.id, '/industry', [fact.industry]).map((p) => ({ ...p, path: '/industry' }))),
      ...evidenceProblems(ix, 'clusterFacts', fact.id, '/evidence', fact.evidence),
    ]),
  (ix) =>
    ix.state.carriers.flatMap((carrier) => [
      ...parkProblem(ix, 'carriers', carrier.id, '/parkId', carrier.parkId),
      ...evidenceProblems(ix, 'carriers', carrier.id, '/evidence', carrier.evidence),
    ]),
  (ix) =>
    ix.state.policies.flatMap((policy) => [
      ...policy.parkIds.flatMap((parkId, i) => parkProblem(ix, 'policies', policy.id, `/parkIds/${i}`, parkId)),
      ...industryProblems(ix, 'policies', policy.id, '/industries', policy.industries),
      ...evidenceProblems(ix, 'policies', policy.id, '/evidence', policy.evidence),
      ...(policy.parkIds.length === 0 && policy.region === null
        ? [{ entity: 'policies' as const, id: policy.id, path: '/parkIds', message: 'must name parks, or the policy must give a region' }]
        : []),
    ]),
  (ix) =>
    ix.state.platforms.flatMap((platform) => [
      ...parkProblem(ix, 'platforms', platform.id, '/parkId', platform.parkId),
      ...industryProblems(ix, 'platforms', platform.id, '/industries', platform.industries),
      ...evidenceProblems(ix, 'platforms', platform.id, '/evidence', platform.evidence),
    ]),
];

/** Every broken reference and cycle in a catalog state; empty when it is whole. */
export function integrityProblems(state: CatalogState): IntegrityProblem[] {
  const ix = index(state);
  return checks.flatMap((check) => check(ix));
}
