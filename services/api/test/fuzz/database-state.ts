import { sql, type Kysely } from 'kysely';

/**
 * What "nothing written" means to the write fuzz: the row count and the latest updated_at of every
 * table of the test file's own database, compared before and after a request.
 */

export type DatabaseState = Record<string, string>;

async function tableNames(db: Kysely<unknown>): Promise<{ name: string; hasUpdatedAt: boolean }[]> {
  const { rows } = await sql<{ name: string; has_updated_at: boolean }>`
    select format('%I.%I', t.table_schema, t.table_name) as name,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at') as has_updated_at
    from information_schema.tables t
    where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
    order by 1`.execute(db);
  return rows.map((row) => ({ name: row.name, hasUpdatedAt: row.has_updated_at }));
}

/** The tables that differ between two states, each with its state before and after. */
export function changedTables(before: DatabaseState, after: DatabaseState): string[] {
  return Object.keys(before).filter((name) => before[name] !== after[name]).map((name) => `${name}: ${before[name]} -> ${after[name]}`);
}

/** Reads the state of every table the database has now. */
export async function databaseState(db: Kysely<unknown>) {
  const tables = await tableNames(db);

  /** Row counts and the latest updated_at of every table of this file's database. */
  async function snapshot(): Promise<DatabaseState> {
    const parts = tables.map(
      ({ name, hasUpdatedAt }) =>
        `select '${name}' as name, count(*)::text || ' ' || ${hasUpdatedAt ? 'coalesce(max(updated_at)::text, \'-\')' : "'-'"} as state from ${name}`,
    );
    const { rows } = await sql<{ name: string; state: string }>`${sql.raw(parts.join(' union all '))}`.execute(db);
    return Object.fromEntries(rows.map((row) => [row.name, row.state]));
  }

  /**
   * Waits until the database stops changing: an accepted write may still hand work on after its answer
   * (a lead's match request goes to the job table), which must not count against the next request.
   */
  async function quiet(): Promise<void> {
    let last = await snapshot();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = await snapshot();
      if (changedTables(last, now).length === 0) return;
      last = now;
    }
  }

  return { snapshot, quiet };
}
