import { sql, type Kysely } from 'kysely';
import type { Database } from '@leadmatch/db';
import { phase, progressBar } from '@leadmatch/progress';
import type { RematchFigures } from '../lib/figures.ts';
import { SCHEMAS } from '../lib/isolation.ts';
import { leadBodyGenerator, leadRowValues } from '../lib/lead-bodies.ts';
import { measureScheduledRematch, rematchTable } from '../lib/scheduled-rematch.ts';
import type { Section } from '../lib/section.ts';
import { addOfficers } from '../lib/setup.ts';
import { round } from '../lib/stats.ts';
import { num } from '../lib/table.ts';

const INSERT_BATCH = 1000;
const OFFICERS = 20;

/**
 * The nightly re-match at national scale: open leads bulk-inserted into the national-catalog schema
 * (pending and never matched, so each run is a lead's first: suggestions, status, follow-up tasks and
 * events), then the scheduled job enqueued as its cron would and one worker process left to request
 * and run every match (measureScheduledRematch).
 */
export const rematch: Section = {
  name: 'rematch',
  async run(ctx, figures) {
    const { settings } = ctx;
    phase('re-match: preparing the national-scale catalog');
    figures.nationalCatalog = await ctx.nationalCatalog();
    const db = await ctx.db(SCHEMAS.national);

    phase(`re-match: inserting ${num(settings.rematchLeads)} open leads`);
    const insertSeconds = await insertOpenLeads(db, ctx.keys.crmOwnerKey, settings.rematchLeads);
    await addOfficers(db, OFFICERS);

    const scheduled = await measureScheduledRematch(ctx, 'rematch', settings.rematchLeads);
    const measured: RematchFigures = { insertSeconds, ...scheduled, storedRun: await storedRunSizes(db) };
    figures.rematch = measured;
    const { storedRun } = measured;
    return [
      rematchTable('Re-match: every open lead against the national-scale catalog (1 worker)', measured, [
        `leads inserted in ${measured.insertSeconds} s beforehand (not counted); worker concurrency ${measured.workerConcurrency}`,
        `a stored run's facts: ${storedRun.jsonMedianBytes} B of JSON at the median; on disk ${storedRun.diskMedianBytes} B median, ${storedRun.diskP90Bytes} B p90, ${storedRun.diskMaxBytes} B at most`,
      ]),
    ];
  },
};

/** What the latest runs' facts take, as JSON text and as Postgres stores them (compressed when large). */
async function storedRunSizes(db: Kysely<Database>): Promise<RematchFigures['storedRun']> {
  const { rows } = await sql<{ json: number; median: number; p90: number; max: number }>`
    select coalesce(percentile_disc(0.5) within group (order by octet_length(facts::text)), 0)::int as json,
           coalesce(percentile_disc(0.5) within group (order by pg_column_size(facts)), 0)::int as median,
           coalesce(percentile_disc(0.9) within group (order by pg_column_size(facts)), 0)::int as p90,
           coalesce(max(pg_column_size(facts)), 0)::int as max
    from match_runs where is_latest and facts is not null`.execute(db);
  const row = rows[0]!;
  return { jsonMedianBytes: row.json, diskMedianBytes: row.median, diskP90Bytes: row.p90, diskMaxBytes: row.max };
}

/** Multi-row INSERTs of varied, realistic open leads; returns the seconds it took. */
async function insertOpenLeads(db: Kysely<Database>, ownerKey: string, count: number): Promise<number> {
  const next = leadBodyGenerator(43);
  const bar = progressBar('inserting', count, 'leads');
  const started = performance.now();
  try {
    for (let done = 0; done < count; done += INSERT_BATCH) {
      const rows = Array.from({ length: Math.min(INSERT_BATCH, count - done) }, (_, index) => ({
        ...leadRowValues(ownerKey, next()),
        external_id: `REMATCH-${done + index}`,
      }));
      await db.insertInto('leads').values(rows).execute();
      bar.update(done + rows.length);
    }
  } finally {
    bar.stop();
  }
  return round((performance.now() - started) / 1000);
}
