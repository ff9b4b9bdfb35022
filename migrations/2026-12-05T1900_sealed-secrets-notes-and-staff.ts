import { sql, type Kysely } from 'kysely';

/**
 * Webhook secrets, free-text notes and staff names sealed at rest like contact data, in `*_sealed`
 * columns beside the plaintext ones. Sealing needs PII_KEY, which a migration does not have: the
 * first process to boot seals the rows written before this migration and clears their plaintext.
 *
 * A rotated webhook secret stays valid until `previous_secret_until`, so deliveries are signed with
 * both while receivers switch. `secret_hint` is the masked hint the API shows (the last 4 characters).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table webhook_subscriptions alter column secret drop not null`.execute(db);
  await db.schema
    .alterTable('webhook_subscriptions')
    .addColumn('secret_sealed', 'text')
    .addColumn('secret_hint', 'text')
    .addColumn('previous_secret_sealed', 'text')
    .addColumn('previous_secret_until', sql`timestamptz(3)`)
    .execute();
  await db.schema.alterTable('leads').addColumn('notes_sealed', 'text').addColumn('close_note_sealed', 'text').execute();
  await db.schema.alterTable('follow_up_tasks').addColumn('note_sealed', 'text').execute();
  await db.schema.alterTable('follow_up_history').addColumn('note_sealed', 'text').execute();
  await sql`alter table staff alter column name drop not null`.execute(db);
  await db.schema.alterTable('staff').addColumn('name_sealed', 'text').addColumn('email_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('email_sealed').dropColumn('name_sealed').execute();
  await db.schema.alterTable('follow_up_history').dropColumn('note_sealed').execute();
  await db.schema.alterTable('follow_up_tasks').dropColumn('note_sealed').execute();
  await db.schema.alterTable('leads').dropColumn('close_note_sealed').dropColumn('notes_sealed').execute();
  await db.schema
    .alterTable('webhook_subscriptions')
    .dropColumn('previous_secret_until')
    .dropColumn('previous_secret_sealed')
    .dropColumn('secret_hint')
    .dropColumn('secret_sealed')
    .execute();
}
