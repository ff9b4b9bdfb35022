import { sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Static, TSchema } from 'typebox';
import type { Database, Executor } from '@leadmatch/db';
import type { JobType } from '../job-type.ts';
import { assertPayload } from '../payload.ts';
import { knownQueues, type BulkJob, type EnqueueOptions, type JobCounts, type JobQueue, type ScheduleOptions } from '../queue.ts';
import { bossDb, bossSchema, ensureQueue } from './connection.ts';
import { bossJobId, bossQueue, retryOptions } from './jobs.ts';
import { upsertSchedule } from './schedules.ts';
import { countJobs, deleteUnstarted } from './sql.ts';

/** The pg-boss queue whose existence says work was restored into pg-boss (see `lostJobs`). */
const RESTORED_MARKER = '__leadmatch__restored';

/** A delay counted by the database's clock (pg-boss adds an interval to its now()), never this machine's. */
const startAfter = (delayMs: number | undefined) => (delayMs ? { startAfter: `${delayMs} milliseconds` } : {});

/**
 * Jobs and schedules in Postgres through pg-boss, for running without Redis. pg-boss works through the
 * given Kysely database (no pool of its own) and only as a producer here: it neither maintains nor
 * schedules, the workers do. The database stays the caller's to close.
 */
export class PostgresJobQueue implements JobQueue {
  readonly mode = 'postgres';
  private opened: Promise<{ boss: PgBoss; schema: string }> | undefined;
  /** Queues made sure of outside any caller's transaction, so known to exist. */
  private readonly known = new Set<string>();
  private readonly creating = new Map<string, Promise<void>>();

  constructor(private readonly db: Kysely<Database>) {}

  async enqueue<S extends TSchema>(type: JobType<S>, payload: Static<S>, opts: EnqueueOptions = {}): Promise<void> {
    assertPayload(type, payload);
    const executor = opts.executor ?? this.db;
    const { boss } = await this.queueFor(type, executor);
    await boss.send(bossQueue(type), payload as object, {
      ...retryOptions(type),
      ...(opts.jobId === undefined ? {} : { id: bossJobId(opts.jobId) }),
      ...startAfter(opts.delayMs),
      db: bossDb(executor),
    });
  }

  async enqueueMany<S extends TSchema>(type: JobType<S>, jobs: BulkJob<Static<S>>[]): Promise<void> {
    for (const job of jobs) assertPayload(type, job.payload);
    if (jobs.length === 0) return;
    const { boss } = await this.queueFor(type, this.db);
    const name = bossQueue(type);
    await boss.insert(
      jobs.map((job) => ({
        name,
        data: job.payload as object,
        ...retryOptions(type),
        ...(job.jobId === undefined ? {} : { id: bossJobId(job.jobId) }),
        ...startAfter(job.delayMs),
      })),
    );
  }

  async schedule<S extends TSchema>(_scheduleId: string, type: JobType<S>, payload: Static<S>, opts: ScheduleOptions): Promise<void> {
    assertPayload(type, payload);
    const { boss } = await this.queueFor(type, this.db);
    await upsertSchedule(boss, this.db, { type, payload: payload as object, timing: opts });
  }

  async cancel(jobId: string, type?: JobType): Promise<void> {
    const { schema } = await this.open(this.db);
    await deleteUnstarted(this.db, schema, bossJobId(jobId), type && bossQueue(type));
  }

  async counts(queues: readonly string[] = knownQueues()): Promise<JobCounts> {
    const { schema } = await this.open(this.db);
    return countJobs(this.db, schema, queues);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Postgres keeps jobs and schedules with the data: a lost connection loses none of them. */
  onReconnected(): void {}

  /**
   * True until work was first restored into pg-boss: the job tables it replaced were dropped with
   * whatever jobs they held, and a pg-boss installed again holds none. The marker is an empty queue.
   */
  async lostJobs(): Promise<boolean> {
    const { boss } = await this.open(this.db);
    return (await boss.getQueue(RESTORED_MARKER)) === null;
  }

  async markRestored(): Promise<void> {
    const { schema } = await this.open(this.db);
    await ensureQueue(this.db, schema, RESTORED_MARKER);
  }

  async close(): Promise<void> {}

  /**
   * pg-boss, over `executor` for its first statement: inside a transaction on PGlite, the one
   * connection is the transaction's, and anything else would wait for it to end.
   */
  private open(executor: Executor): Promise<{ boss: PgBoss; schema: string }> {
    this.opened ??= bossSchema(executor).then(
      (schema) => ({ boss: new PgBoss({ db: bossDb(this.db), schema, supervise: false, schedule: false }), schema }),
      (err: unknown) => {
        this.opened = undefined;
        throw err;
      },
    );
    return this.opened;
  }

  /**
   * pg-boss silently drops a job sent to a queue that does not exist, so the type's queue is made sure
   * of first. Inside a caller's transaction that happens there too, so the queue is only known to exist
   * once a call outside any transaction has made sure of it.
   */
  private async queueFor(type: JobType, executor: Executor): Promise<{ boss: PgBoss; schema: string }> {
    const opened = await this.open(executor);
    const name = bossQueue(type);
    if (this.known.has(name)) return opened;
    if (executor !== this.db) {
      await ensureQueue(executor, opened.schema, name);
      return opened;
    }
    let creating = this.creating.get(name);
    if (!creating) {
      creating = ensureQueue(this.db, opened.schema, name).finally(() => this.creating.delete(name));
      this.creating.set(name, creating);
    }
    await creating;
    this.known.add(name);
    return opened;
  }
}
