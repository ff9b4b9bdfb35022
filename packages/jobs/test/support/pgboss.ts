import { sql, type Kysely, type RawBuilder } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '@leadmatch/db';
import type { JobType } from '../../src/index.ts';
import { bossDb, bossSchema } from '../../src/pgboss/connection.ts';
import { bossQueue } from '../../src/pgboss/jobs.ts';

export interface BossJobRow {
  id: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  data: unknown;
  retry_count: number;
  retry_limit: number;
  retry_delay: number;
  start_after: Date;
  completed_on: Date | null;
  singleton_key: string | null;
  output: { message?: string } | null;
}

/** A table of pg-boss's, in the test database's pg-boss schema. */
export async function bossTable(db: Kysely<Database>, name: 'job' | 'archive' | 'schedule'): Promise<RawBuilder<unknown>> {
  return sql.raw(`${await bossSchema(db)}.${name}`);
}

/** The jobs of a type as pg-boss holds them, oldest first. */
export async function bossJobs(db: Kysely<Database>, type: JobType): Promise<BossJobRow[]> {
  const { rows } = await sql<BossJobRow>`
    select id, state, data, retry_count, retry_limit, retry_delay, start_after, completed_on, singleton_key, output
    from ${await bossTable(db, 'job')} where name = ${bossQueue(type)} order by created_on, start_after, id
  `.execute(db);
  return rows;
}

/** A bare pg-boss over the test database, to do what our queue refuses to (store an invalid payload, take a job and die). */
export async function rawBoss(db: Kysely<Database>): Promise<PgBoss> {
  return new PgBoss({ db: bossDb(db), schema: await bossSchema(db), supervise: false, schedule: false });
}
