import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import type { MatchReason } from '@leadmatch/leads';
import { progressBar } from '@leadmatch/progress';
import type { ChildService } from './processes.ts';
import { round } from './stats.ts';

/**
 * Waits until `expected` match requests of this reason (requested at or after `since`, when given)
 * have completed_at (the worker stored the lead's suggestions), with a progress bar. Gives up after `limitSeconds` and says so (the figures
 * then cover the completed requests only); throws when the services die or nothing completes for
 * `stallSeconds`.
 */
export async function waitForMatches(
  db: Kysely<Database>,
  options: { label: string; reason: MatchReason; since?: Date; expected: number; services: ChildService[]; stallSeconds: number; limitSeconds: number },
): Promise<{ timedOut: boolean }> {
  const bar = progressBar(options.label, options.expected, 'leads');
  const started = Date.now();
  let lastProgressAt = started;
  let lastDone = -1;
  try {
    for (;;) {
      const row = await db
        .selectFrom('match_requests')
        .select((eb) => [eb.fn.countAll<string>().as('total'), eb.fn.count<string>('completed_at').as('done')])
        .where('reason', '=', options.reason)
        .$if(options.since !== undefined, (query) => query.where('requested_at', '>=', options.since!))
        .executeTakeFirstOrThrow();
      const done = Number(row.done);
      bar.update(done);
      if (done >= options.expected && Number(row.total) >= options.expected) return { timedOut: false };
      const now = Date.now();
      if (done !== lastDone) {
        lastDone = done;
        lastProgressAt = now;
      }
      const where = `${done} of ${options.expected} '${options.reason}' match requests completed`;
      if (now - lastProgressAt > options.stallSeconds * 1000) throw new Error(`${options.label}: no progress for ${options.stallSeconds} s (${where})`);
      if (now - started > options.limitSeconds * 1000) return { timedOut: true };
      for (const service of options.services) service.assertAlive();
      await sleep(1000);
    }
  } finally {
    bar.stop();
  }
}

/** Over the completed requests of one reason (requested at or after a time, when given). */
export interface MatchSummary {
  leads: number;
  notMatched: number;
  /** First requested_at and last completed_at, and per-request lag (completed_at − requested_at). */
  firstRequestedAt: Date;
  lastCompletedAt: Date;
  lagP50Ms: number;
  lagP99Ms: number;
}

/** What the service's own table says about the completed match requests of one reason, requested at or after `since`. */
export async function summarizeMatches(db: Kysely<Database>, reason: MatchReason, since = new Date(0)): Promise<MatchSummary> {
  const { rows } = await sql<{
    leads: number;
    not_matched: number;
    first_requested_at: Date;
    last_completed_at: Date;
    lag_p50_ms: number;
    lag_p99_ms: number;
  }>`
    select count(*)::int as leads,
           count(*) filter (where outcome is distinct from 'matched')::int as not_matched,
           min(requested_at) as first_requested_at,
           max(completed_at) as last_completed_at,
           percentile_cont(0.5) within group (order by extract(epoch from completed_at - requested_at))::float8 * 1000 as lag_p50_ms,
           percentile_cont(0.99) within group (order by extract(epoch from completed_at - requested_at))::float8 * 1000 as lag_p99_ms
      from match_requests
     where reason = ${reason} and requested_at >= ${since} and completed_at is not null`.execute(db);
  const row = rows[0]!;
  return {
    leads: row.leads,
    notMatched: row.not_matched,
    firstRequestedAt: new Date(row.first_requested_at),
    lastCompletedAt: new Date(row.last_completed_at),
    lagP50Ms: round(row.lag_p50_ms, 0),
    lagP99Ms: round(row.lag_p99_ms, 0),
  };
}

/** Match requests of other reasons (a catalog re-match, say) that ran beside the measured ones, by reason. */
export async function otherRequests(db: Kysely<Database>, reason: MatchReason, since = new Date(0)): Promise<string[]> {
  const rows = await db
    .selectFrom('match_requests')
    .select((eb) => ['reason', eb.fn.countAll<string>().as('count')])
    .where('reason', '<>', reason)
    .where('requested_at', '>=', since)
    .groupBy('reason')
    .execute();
  return rows.map((row) => `${row.count} '${row.reason}'`);
}
