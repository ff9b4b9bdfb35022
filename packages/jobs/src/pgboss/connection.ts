import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Executor } from '@leadmatch/db';

/**
 * Where pg-boss keeps its tables: `pgboss` beside the `public` schema, `<schema>_pgboss` beside any
 * other, so that two deployments in one database (each in its own schema) keep their jobs apart. The
 * migration that installs pg-boss (2026-12-05T2200) applies the same rule.
 */
export async function bossSchema(db: Executor): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return schema === 'public' ? 'pgboss' : `${schema}_pgboss`;
}

/** pg-boss's `db` option, plus a way to wait for the statements it still has running. */
export interface BossDb extends PgBoss.Db {
  idle(): Promise<void>;
}

/**
 * pg-boss's `db` option over a Kysely database or transaction, so that pg-boss opens no pool of its
 * own (PGlite has only one connection) and a job sent through a transaction commits with it.
 */
export function bossDb(executor: Executor): BossDb {
  const running = new Set<Promise<unknown>>();
  return {
    executeSql(text: string, values: unknown[] = []) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg-boss's Db interface types rows as any[]
      const result = executor.executeQuery(CompiledQuery.raw(oneStatement(text), values)).then(({ rows }) => ({ rows: rows as any[] }));
      running.add(result);
      result.then(
        () => running.delete(result),
        () => running.delete(result),
      );
      return result;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

const LOCKED = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/;

/**
 * pg-boss sends its install, migration and maintenance commands as one string from BEGIN to COMMIT.
 * Kysely runs one statement per call (PGlite's protocol allows no more), so such a string runs as one
 * DO block instead: as atomic, and a failure leaves no transaction open on the shared connection.
 */
export function oneStatement(text: string): string {
  const body = LOCKED.exec(text)?.[1];
  if (body === undefined) return text;
  if (body.includes('$pgboss_body$')) throw new Error('pg-boss command contains the quote that wraps it');
  return `DO $pgboss_do$ BEGIN EXECUTE $pgboss_body$${body}$pgboss_body$; END $pgboss_do$`;
}

/**
 * Creates the pg-boss queue `name` unless it exists, through `executor` (within a caller's transaction,
 * it commits with it). Two of pg-boss 10's `create_queue` running at once deadlock, each waiting for the
 * other's foreign key to the queue table, so creations take turns under a lock.
 */
export async function ensureQueue(executor: Executor, schema: string, name: string): Promise<void> {
  const create = async (trx: Executor) => {
    const boss = new PgBoss({ db: bossDb(trx), schema, supervise: false, schedule: false });
    if (await boss.getQueue(name)) return;
    await sql`select pg_advisory_xact_lock(hashtext(${`create_queue ${schema}`}))`.execute(trx);
    await boss.createQueue(name);
  };
  if (executor.isTransaction) await create(executor);
  else await executor.transaction().execute(create);
}
