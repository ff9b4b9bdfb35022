import { sql } from 'kysely';

/** The database's now() plus `ms`, so that job timing never depends on this machine's clock. */
export function nowPlusMs(ms: number) {
  return sql<Date>`now() + ${ms}::double precision * interval '1 millisecond'`;
}
