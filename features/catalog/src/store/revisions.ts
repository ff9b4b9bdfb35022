import type { CatalogEntities, CatalogEntity } from '@leadmatch/domain';
import type { Executor } from '@leadmatch/db';
import type { CatalogEdit } from './edit.ts';
import { idOf, type CatalogChange } from './repository.ts';

/** One document as a catalog version wrote it; null data: that version removed it. */
export interface CatalogRevision {
  entity: CatalogEntity;
  id: string;
  data: unknown;
}

/** Four parameters a row; Postgres allows 65,535 parameters a statement. */
const REVISION_ROWS_PER_INSERT = 10_000;

/** What an edit's changes wrote: the new documents, and null for the removed ones. */
export function revisionsOf(edit: CatalogEdit, changes: readonly CatalogChange[]): CatalogRevision[] {
  const written = new Map<string, unknown>();
  for (const [entity, docs] of Object.entries(edit.upsert ?? {}) as [CatalogEntity, CatalogEntities[CatalogEntity][]][]) {
    for (const doc of docs ?? []) written.set(`${entity}:${idOf(entity, doc as never)}`, doc);
  }
  return changes.map((change) => ({
    entity: change.entity,
    id: change.entityId,
    data: change.action === 'delete' ? null : written.get(`${change.entity}:${change.entityId}`),
  }));
}

/** Keeps the documents as this version wrote them, so what was matched against it can be read again later. */
export async function recordRevisions(trx: Executor, version: number, revisions: readonly CatalogRevision[]): Promise<void> {
  for (let start = 0; start < revisions.length; start += REVISION_ROWS_PER_INSERT) {
    await trx
      .insertInto('catalog_revisions')
      .values(
        revisions.slice(start, start + REVISION_ROWS_PER_INSERT).map((revision) => ({
          entity: revision.entity,
          entity_id: revision.id,
          version,
          data: revision.data === null ? null : JSON.stringify(revision.data),
        })),
      )
      .execute();
  }
}

export type DocumentIds = Partial<Record<CatalogEntity, readonly string[]>>;
export type DocumentsAsOf = { [E in CatalogEntity]: CatalogEntities[E][] };

/** These documents as they stood at a catalog version (those not existing then are left out). */
export async function documentsAsOf(db: Executor, version: number, ids: DocumentIds): Promise<DocumentsAsOf> {
  const found = { sources: [], industries: [], parks: [], clusterFacts: [], carriers: [], policies: [], platforms: [] } as DocumentsAsOf;
  for (const [entity, wanted] of Object.entries(ids) as [CatalogEntity, readonly string[]][]) {
    if (wanted.length === 0) continue;
    const rows = await db
      .selectFrom('catalog_revisions')
      .select(['entity_id', 'data'])
      .distinctOn('entity_id')
      .where('entity', '=', entity)
      .where('entity_id', 'in', [...wanted])
      .where('version', '<=', version)
      .orderBy('entity_id')
      .orderBy('version', 'desc')
      .execute();
    (found[entity] as unknown[]).push(...rows.filter((row) => row.data !== null).map((row) => row.data));
  }
  return found;
}
