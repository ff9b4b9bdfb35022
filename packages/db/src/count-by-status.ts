import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** A table's rows by their `status` column, with every known status present (0 when no row has it). */
export async function countByStatus(db: Executor, table: string, statuses: readonly string[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; rows: string }>`select status, count(*) as rows from ${sql.table(table)} group by status`.execute(db);
  const counts: Record<string, number> = Object.fromEntries(statuses.map((status) => [status, 0]));
  for (const row of rows) counts[row.status] = Number(row.rows);
  return counts;
}
