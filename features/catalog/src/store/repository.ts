import { sql } from 'kysely';
import type { Executor } from '@leadmatch/db';
import {
  canonicalJson,
  type CatalogEntities,
  type CatalogEntity,
  type CatalogSnapshot,
  type Carrier,
  type ClusterFact,
  type Industry,
  type Park,
  type Platform,
  type Policy,
} from '@leadmatch/domain';


/** Order of writing, so that what a document refers to is already there. */
export const CATALOG_ENTITIES: readonly CatalogEntity[] = [
  'sources',
  'industries',
  'parks',
  'clusterFacts',
  'carriers',
  'policies',
  'platforms',
];

const TABLES = {
  sources: 'catalog_sources',
  industries: 'industries',
  parks: 'parks',
  clusterFacts: 'cluster_facts',
  carriers: 'carriers',
  policies: 'policies',
  platforms: 'platforms',
} as const satisfies Record<CatalogEntity, string>;

/**
 * Every catalog table has the columns id, data and updated_at; typing the name as one of them lets
 * the generic reads and writes below type-check without a union of query builders.
 */
function documentTable(entity: CatalogEntity): 'catalog_sources' {
  return TABLES[entity] as 'catalog_sources';
}

export function idOf<E extends CatalogEntity>(entity: E, doc: CatalogEntities[E]): string {
  return entity === 'industries' ? (doc as Industry).code : (doc as { id: string }).id;
}

/** The columns queries filter and join on, taken from the document. */
function indexedColumns<E extends CatalogEntity>(entity: E, doc: CatalogEntities[E]): Record<string, unknown> {
  switch (entity) {
    case 'industries':
      return { parent: (doc as Industry).parent };
    case 'parks': {
      const park = doc as Park;
      return {
        parent_id: park.parentId,
        province: park.region.province,
        city: park.region.city,
        industry_codes: park.industries.map((industry) => industry.code),
      };
    }
    case 'clusterFacts':
      return { park_id: (doc as ClusterFact).parkId };
    case 'carriers':
      return { park_id: (doc as Carrier).parkId, type: (doc as Carrier).type };
    case 'policies':
      return { park_ids: (doc as Policy).parkIds, kind: (doc as Policy).kind };
    case 'platforms':
      return { park_id: (doc as Platform).parkId };
    default:
      return {};
  }
}

export async function catalogVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('catalog_state').select('version').executeTakeFirstOrThrow();
  return row.version;
}

export async function readEntities<E extends CatalogEntity>(db: Executor, entity: E): Promise<CatalogEntities[E][]> {
  const rows = await db.selectFrom(documentTable(entity)).select('data').orderBy('id').execute();
  return rows.map((row) => row.data as CatalogEntities[E]);
}

/** The whole catalog at one version, read in one transaction. */
export async function readCatalog(db: Executor): Promise<CatalogSnapshot> {
  const read = async (trx: Executor): Promise<CatalogSnapshot> => {
    const [version, ...parts] = await Promise.all([
      catalogVersion(trx),
      ...CATALOG_ENTITIES.map((entity) => readEntities(trx, entity)),
    ]);
    return {
      version: version as number,
      ...Object.fromEntries(CATALOG_ENTITIES.map((entity, i) => [entity, parts[i]])),
    } as CatalogSnapshot;
  };
  return 'isTransaction' in db && db.isTransaction ? read(db) : db.transaction().execute(read);
}

export async function findEntity<E extends CatalogEntity>(
  db: Executor,
  entity: E,
  id: string,
): Promise<CatalogEntities[E] | undefined> {
  const row = await db.selectFrom(documentTable(entity)).select('data').where('id', '=', id).executeTakeFirst();
  return row?.data as CatalogEntities[E] | undefined;
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

/** Inserts or replaces one document; reports whether anything changed. */
export async function saveEntity<E extends CatalogEntity>(
  trx: Executor,
  entity: E,
  doc: CatalogEntities[E],
): Promise<SaveOutcome> {
  const id = idOf(entity, doc);
  const existing = await findEntity(trx, entity, id);
  if (existing && canonicalJson(existing) === canonicalJson(doc)) return 'unchanged';
  const columns = { ...indexedColumns(entity, doc), data: JSON.stringify(doc), updated_at: sql`now()` };
  const table = documentTable(entity);
  if (existing) await trx.updateTable(table).set(columns as never).where('id', '=', id).execute();
  else await trx.insertInto(table).values({ id, ...columns } as never).execute();
  return existing ? 'updated' : 'created';
}

export async function deleteEntity<E extends CatalogEntity>(
  trx: Executor,
  entity: E,
  id: string,
): Promise<CatalogEntities[E] | undefined> {
  const row = await trx.deleteFrom(documentTable(entity)).where('id', '=', id).returning('data').executeTakeFirst();
  return row?.data as CatalogEntities[E] | undefined;
}

export interface CatalogChange {
  action: 'create' | 'update' | 'delete';
  entity: CatalogEntity;
  entityId: string;
  /** The parks whose matching this change can affect; empty when it reaches every park (e.g. a region policy). */
  parkIds: string[];
}

/**
 * Bumps the catalog version once for a set of changes and records each with who made it. The rows
 * are the catalog-changed events that re-matching reads. Call it in the transaction that made them.
 */
/** Six parameters a row; Postgres allows 65,535 parameters a statement. */
const CHANGE_ROWS_PER_INSERT = 10_000;

export async function recordCatalogChanges(trx: Executor, actor: string, changes: CatalogChange[]): Promise<number> {
  const { version } = await trx
    .updateTable('catalog_state')
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .returning('version')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < changes.length; start += CHANGE_ROWS_PER_INSERT) {
    await trx
      .insertInto('catalog_changes')
      .values(
        changes.slice(start, start + CHANGE_ROWS_PER_INSERT).map((change) => ({
          version,
          actor,
          action: change.action,
          entity: change.entity,
          entity_id: change.entityId,
          park_ids: change.parkIds,
        })),
      )
      .execute();
  }
  return version;
}

export async function listCatalogChanges(db: Executor, afterVersion: number, limit: number) {
  return db
    .selectFrom('catalog_changes')
    .select(['version', 'actor', 'action', 'entity', 'entity_id as entityId', 'park_ids as parkIds', 'at'])
    .where('version', '>', afterVersion)
    .orderBy('version')
    .orderBy('entity')
    .orderBy('entity_id')
    .limit(limit)
    .execute();
}
