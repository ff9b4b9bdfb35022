import { sql, type Kysely } from 'kysely';

/**
 * The park catalog. Each entity keeps its whole validated document (with its evidence) in `data`;
 * the columns beside it are the ones queries filter and join on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const documentTable = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`));

  await documentTable('catalog_sources').execute();
  await documentTable('industries').addColumn('parent', 'text').execute();
  await documentTable('parks')
    .addColumn('parent_id', 'text', (c) => c.references('parks.id').onDelete('restrict'))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('industry_codes', sql`text[]`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parks_industry_codes_idx').on('parks').using('gin').column('industry_codes').execute();

  for (const table of ['cluster_facts', 'carriers'] as const) {
    let builder = documentTable(table).addColumn('park_id', 'text', (c) => c.notNull().references('parks.id').onDelete('cascade'));
    if (table === 'carriers') builder = builder.addColumn('type', 'text', (c) => c.notNull());
    await builder.execute();
    await db.schema.createIndex(`${table}_park_id_idx`).on(table).column('park_id').execute();
  }
  await documentTable('platforms')
    .addColumn('park_id', 'text', (c) => c.references('parks.id').onDelete('set null'))
    .execute();
  await documentTable('policies')
    .addColumn('park_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_state')
    .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into catalog_state (singleton, version) values (true, 0)`.execute(db);

  await db.schema
    .createTable('catalog_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('park_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('catalog_changes_version_idx').on('catalog_changes').column('version').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'catalog_changes',
    'catalog_state',
    'policies',
    'platforms',
    'carriers',
    'cluster_facts',
    'parks',
    'industries',
    'catalog_sources',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
