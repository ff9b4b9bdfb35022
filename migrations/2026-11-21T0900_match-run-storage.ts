import { sql, type Kysely } from 'kysely';

/**
 * Cheaper match runs: a stored result (25–60 KB of JSON, explained suggestions) was the largest cost
 * of a run. It becomes `json`, kept as written (Postgres no longer parses it into jsonb, which no
 * query needs), compressed with lz4 where the server has it (embedded PGlite keeps pglz). What the
 * follow-up rules and the next run's comparison read of it moves into a small `outline`: whether a
 * suggestion is a strong fit, and each suggestion's park, fit and carrier ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('match_runs').addColumn('outline', 'jsonb').execute();
  await sql`update match_runs set outline = ${outlineOf(sql.ref('result'))}`.execute(db);
  await db.schema.alterTable('match_runs').alterColumn('outline', (c) => c.setNotNull()).execute();
  await sql`alter table match_runs alter column result type json using result::json`.execute(db);
  if (await supportsLz4(db)) await sql`alter table match_runs alter column result set compression lz4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table match_runs alter column result set compression default`.execute(db);
  await sql`alter table match_runs alter column result type jsonb using result::jsonb`.execute(db);
  await db.schema.alterTable('match_runs').dropColumn('outline').execute();
}

async function supportsLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`
    select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(db);
  return rows[0]?.lz4 ?? false;
}

/** The outline of a stored jsonb result, for the runs stored before this migration. */
function outlineOf(result: ReturnType<typeof sql.ref>) {
  return sql`jsonb_build_object(
    'hasStrongFit', ${result}->'hasStrongFit',
    'suggestions', coalesce((
      select jsonb_agg(jsonb_build_object(
        'park', jsonb_build_object('id', s.value->'park'->'id'),
        'fit', s.value->'fit',
        'carriers', coalesce((
          select jsonb_agg(jsonb_build_object('id', c.value->'id') order by c.i)
          from jsonb_array_elements(s.value->'carriers') with ordinality as c(value, i)
        ), '[]'::jsonb)
      ) order by s.i)
      from jsonb_array_elements(${result}->'suggestions') with ordinality as s(value, i)
    ), '[]'::jsonb))`;
}
