import { sql, type Kysely } from 'kysely';

const DOCUMENT_TABLES = {
  sources: 'catalog_sources',
  industries: 'industries',
  parks: 'parks',
  clusterFacts: 'cluster_facts',
  carriers: 'carriers',
  policies: 'policies',
  platforms: 'platforms',
} as const;

/**
 * Lean match runs. A run stores the facts of its result (scores, fits, the ids of the documents
 * that decided) in `facts`; its words are rendered when it is read, from the catalog as it was at the
 * run's version, which `catalog_revisions` keeps: every document as each catalog version wrote it
 * (data null: removed at that version). The current catalog is its first revision. Runs stored
 * before this keep their whole `result` and no facts. A re-match that finds nothing changed records
 * only when it checked the lead, against which catalog and rules (`checked_*`); it compares digests
 * of the facts (`facts_digest`), so it never reads the facts themselves; and when the lead's needs
 * (`input_digest`), the catalog version and the policies in force are those of the last match
 * (`evaluated_at`), it need not match at all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_revisions')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb')
    .addPrimaryKeyConstraint('catalog_revisions_pkey', ['entity', 'entity_id', 'version'])
    .execute();
  for (const [entity, table] of Object.entries(DOCUMENT_TABLES)) {
    await sql`
      insert into catalog_revisions (entity, entity_id, version, data)
      select ${entity}, id, (select version from catalog_state), data from ${sql.table(table)}`.execute(db);
  }
  await db.schema
    .alterTable('match_runs')
    .addColumn('facts', 'json')
    .addColumn('facts_digest', 'text')
    .addColumn('input_digest', 'text')
    .addColumn('evaluated_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('checked_catalog_version', 'integer')
    .addColumn('checked_rules_version', 'text')
    .execute();
  await db.schema.alterTable('match_runs').alterColumn('result', (c) => c.dropNotNull()).execute();
  await sql`alter table match_runs add constraint match_runs_result_or_facts check (result is not null or facts is not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from match_runs where result is null`.execute(db);
  await sql`alter table match_runs drop constraint match_runs_result_or_facts`.execute(db);
  await db.schema.alterTable('match_runs').alterColumn('result', (c) => c.setNotNull()).execute();
  await db.schema
    .alterTable('match_runs')
    .dropColumn('checked_rules_version')
    .dropColumn('checked_catalog_version')
    .dropColumn('checked_at')
    .dropColumn('evaluated_at')
    .dropColumn('input_digest')
    .dropColumn('facts_digest')
    .dropColumn('facts')
    .execute();
  await db.schema.dropTable('catalog_revisions').execute();
}
