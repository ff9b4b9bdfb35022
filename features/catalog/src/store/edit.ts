import type { Kysely } from 'kysely';
import { type Database, type Executor } from '@leadmatch/db';
import {
  CatalogDocument,
  DomainError,
  createAjv,
  fieldErrors,
  type CatalogEntities,
  type CatalogEntity,
  type FieldError,
  type ValidationIssue,
} from '@leadmatch/domain';
import { integrityProblems, type CatalogState, type IntegrityProblem } from './integrity.ts';
import { recordRevisions, revisionsOf } from './revisions.ts';
import { CATALOG_ENTITIES, deleteEntity, idOf, readCatalog, recordCatalogChanges, saveEntity, type CatalogChange } from './repository.ts';

export interface CatalogRemoval {
  entity: CatalogEntity;
  id: string;
}

/** Documents to create or replace, and documents to remove, applied together or not at all. */
export interface CatalogEdit {
  upsert?: CatalogDocument;
  remove?: CatalogRemoval[];
}

/** Called as documents are written: `done` of `total` (documents to upsert plus removals). */
export type EditProgress = (done: number, total: number) => void;

export interface CatalogEditResult {
  /** The catalog version after the edit (unchanged when the edit changed nothing). */
  version: number;
  changes: CatalogChange[];
}

let validateDocument: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

function schemaErrors(doc: CatalogDocument): FieldError[] {
  validateDocument ??= createAjv().compile(CatalogDocument);
  return validateDocument(doc) ? [] : fieldErrors((validateDocument.errors ?? []) as ValidationIssue[], 'body');
}

function duplicateErrors(doc: CatalogDocument): FieldError[] {
  return CATALOG_ENTITIES.flatMap((entity) => {
    const seen = new Set<string>();
    return (doc[entity] ?? []).flatMap((item, i) => {
      const id = idOf(entity, item as never);
      if (!seen.has(id)) return (seen.add(id), []);
      return [{ pointer: `/${entity}/${i}`, location: 'body', message: `repeats the id "${id}" given earlier in this document` }];
    });
  });
}

function nextState(current: CatalogState, edit: CatalogEdit): CatalogState {
  const removed = new Set((edit.remove ?? []).map((removal) => `${removal.entity}:${removal.id}`));
  const removedParks = new Set((edit.remove ?? []).filter((r) => r.entity === 'parks').map((r) => r.id));
  const next = {} as Record<CatalogEntity, unknown[]>;
  for (const entity of CATALOG_ENTITIES) {
    const upserts = new Map((edit.upsert?.[entity] ?? []).map((doc) => [idOf(entity, doc as never), doc]));
    const kept = (current[entity] as CatalogEntities[CatalogEntity][]).filter((doc) => {
      const id = idOf(entity, doc as never);
      const ownedByRemovedPark = 'parkId' in doc && (entity === 'clusterFacts' || entity === 'carriers') && removedParks.has(doc.parkId as string);
      return !upserts.has(id) && !removed.has(`${entity}:${id}`) && !ownedByRemovedPark;
    });
    next[entity] = [...kept, ...upserts.values()];
  }
  return next as CatalogState;
}

/** Pins each problem on the part of the edit that causes it; problems the edit does not touch cannot exist. */
function editErrors(problems: IntegrityProblem[], edit: CatalogEdit): FieldError[] {
  const positions = new Map<string, number>();
  for (const entity of CATALOG_ENTITIES) {
    (edit.upsert?.[entity] ?? []).forEach((doc, i) => positions.set(`${entity}:${idOf(entity, doc as never)}`, i));
  }
  const removals = edit.remove ?? [];
  return problems.map((problem) => {
    const position = positions.get(`${problem.entity}:${problem.id}`);
    if (position !== undefined) {
      return { pointer: `/${problem.entity}/${position}${problem.path}`, location: 'body', message: problem.message };
    }
    const removal = removals.findIndex((r) => r.id === problem.refersTo);
    return {
      pointer: removal >= 0 ? `/remove/${removal}` : `/${problem.entity}/${problem.id}`,
      location: 'body',
      message: `is still referred to by ${problem.entity} "${problem.id}" at ${problem.path}`,
    };
  });
}

function parkIdsOf(entity: CatalogEntity, doc: unknown): string[] {
  if (!doc) return [];
  const d = doc as { id?: string; parkId?: string | null; parkIds?: string[] };
  if (entity === 'parks') return [d.id!];
  if (entity === 'policies') return d.parkIds ?? [];
  return d.parkId ? [d.parkId] : [];
}

/** Parents before children, so each park's parent row exists when it is written. */
function parentsFirst(parks: CatalogEntities['parks'][]): CatalogEntities['parks'][] {
  const byId = new Map(parks.map((park) => [park.id, park]));
  const depth = (park: CatalogEntities['parks'], seen = 0): number =>
    park.parentId && byId.has(park.parentId) && seen < byId.size ? 1 + depth(byId.get(park.parentId)!, seen + 1) : 0;
  return [...parks].sort((a, b) => depth(a) - depth(b));
}

async function write(trx: Executor, current: CatalogState, edit: CatalogEdit, onProgress?: EditProgress): Promise<CatalogChange[]> {
  const changes: CatalogChange[] = [];
  const total = CATALOG_ENTITIES.reduce((sum, entity) => sum + (edit.upsert?.[entity]?.length ?? 0), edit.remove?.length ?? 0);
  let done = 0;
  onProgress?.(done, total);
  for (const entity of CATALOG_ENTITIES) {
    const docs = (edit.upsert?.[entity] ?? []) as CatalogEntities[CatalogEntity][];
    const ordered = entity === 'parks' ? parentsFirst(docs as CatalogEntities['parks'][]) : docs;
    for (const doc of ordered) {
      const id = idOf(entity, doc as never);
      const before = (current[entity] as CatalogEntities[CatalogEntity][]).find((old) => idOf(entity, old as never) === id);
      const outcome = await saveEntity(trx, entity, doc as never);
      onProgress?.(++done, total);
      if (outcome === 'unchanged') continue;
      const parkIds = [...new Set([...parkIdsOf(entity, before), ...parkIdsOf(entity, doc)])];
      changes.push({ action: outcome === 'created' ? 'create' : 'update', entity, entityId: id, parkIds });
    }
  }
  for (const removal of [...(edit.remove ?? [])].reverse()) {
    const removed = await deleteEntity(trx, removal.entity, removal.id);
    onProgress?.(++done, total);
    if (removed) changes.push({ action: 'delete', entity: removal.entity, entityId: removal.id, parkIds: parkIdsOf(removal.entity, removed) });
  }
  return changes;
}

/**
 * Validates an edit against the schema and against the whole catalog it would produce, then writes
 * it in one transaction with a new catalog version and a change record per document. Catalog
 * writers take turns (a row lock), so two edits never validate against the same old state.
 * `onProgress` follows the writing, once the edit is found valid.
 */
export async function applyCatalogEdit(db: Kysely<Database>, actor: string, edit: CatalogEdit, onProgress?: EditProgress): Promise<CatalogEditResult> {
  if (edit.upsert) {
    // Looking for repeated ids needs the sections to be lists of documents, which only the schema check establishes.
    const shapeErrors = schemaErrors(edit.upsert);
    if (shapeErrors.length) throw invalid(shapeErrors);
    const repeats = duplicateErrors(edit.upsert);
    if (repeats.length) throw invalid(repeats);
  }
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('catalog_state').select('version').forUpdate().execute();
    const current = await readCatalog(trx);
    const problems = editErrors(integrityProblems(nextState(current, edit)), edit);
    if (problems.length) throw invalid(problems);
    const changes = await write(trx, current, edit, onProgress);
    if (changes.length === 0) return { version: current.version, changes };
    const version = await recordCatalogChanges(trx, actor, changes);
    await recordRevisions(trx, version, revisionsOf(edit, changes));
    return { version, changes };
  });
}

function invalid(errors: FieldError[]): DomainError {
  return new DomainError('catalog-invalid', 422, `The catalog change has ${errors.length} problem(s); nothing was written.`, errors);
}
