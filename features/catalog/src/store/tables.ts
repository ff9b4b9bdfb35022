import type { Generated } from 'kysely';
import type { CreatedAt, Json } from '@leadmatch/db';

interface DocumentColumns<T> {
  id: string;
  data: Json<T>;
  updated_at: Generated<Date>;
}

export type CatalogSourcesTable = DocumentColumns<unknown>;
export interface IndustriesTable extends DocumentColumns<unknown> {
  parent: string | null;
}
export interface ParksTable extends DocumentColumns<unknown> {
  parent_id: string | null;
  province: string;
  city: string | null;
  industry_codes: string[];
}
export interface ClusterFactsTable extends DocumentColumns<unknown> {
  park_id: string;
}
export interface CarriersTable extends DocumentColumns<unknown> {
  park_id: string;
  type: string;
}
export interface PlatformsTable extends DocumentColumns<unknown> {
  park_id: string | null;
}
export interface PoliciesTable extends DocumentColumns<unknown> {
  park_ids: string[];
  kind: string;
}

export interface CatalogStateTable {
  singleton: Generated<boolean>;
  version: number;
  updated_at: Generated<Date>;
}

export interface CatalogChangesTable {
  id: Generated<string>;
  version: number;
  actor: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entity_id: string;
  park_ids: string[];
  at: CreatedAt;
}

/** Every document as each catalog version wrote it (see revisions.ts). */
export interface CatalogRevisionsTable {
  entity: string;
  entity_id: string;
  version: number;
  data: Json<unknown> | null;
}

declare module '@leadmatch/db' {
  interface Database {
    catalog_sources: CatalogSourcesTable;
    industries: IndustriesTable;
    parks: ParksTable;
    cluster_facts: ClusterFactsTable;
    carriers: CarriersTable;
    platforms: PlatformsTable;
    policies: PoliciesTable;
    catalog_state: CatalogStateTable;
    catalog_changes: CatalogChangesTable;
    catalog_revisions: CatalogRevisionsTable;
  }
}
