import { sql, type Kysely } from 'kysely';

/**
 * A lead's industry on GB/T 4754-2017: the class it is registered under, when the CRM sends it
 * (`industry_code`), and the codes its description and that class were classified as when the lead
 * was last written (`industry_codes`, the answer first). Leads written before this stay with none
 * until they are next changed; their match runs carry the codes either way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('leads')
    .addColumn('industry_code', 'text')
    .addColumn('industry_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('industry_codes').dropColumn('industry_code').execute();
}
