import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { CatalogCache, catalogVersion, seedCatalog } from '@leadmatch/catalog';
import { migrateToLatest, type Database } from '@leadmatch/db';
import { normalizeMatchInput } from '@leadmatch/domain';
import { matchFacts, toMatchLead } from '@leadmatch/matcher';
import { phase, progressBar } from '@leadmatch/progress';
import { readTable } from '@leadmatch/spreadsheets';
import type { ExportFigures, ExportRun } from '../lib/figures.ts';
import { SCHEMAS } from '../lib/isolation.ts';
import { leadBodyGenerator, leadRowValues } from '../lib/lead-bodies.ts';
import type { Section } from '../lib/section.ts';
import { startApi } from '../lib/services.ts';
import { addOfficers, markCatalogCaughtUp } from '../lib/setup.ts';
import { round } from '../lib/stats.ts';
import { num } from '../lib/table.ts';

const INSERT_BATCH = 1000;
const OFFICERS = 20;
/** Distinct match results the runs share: real facts of the seed catalog, as stored. */
const SAMPLE_FACTS = 64;
const MATCHED_SHARE = 0.9;

/**
 * GET /v1/leads/export of every lead (admin key): leads, their latest runs (real facts) and follow-up
 * tasks bulk-inserted beforehand, then the export downloaded once as .xlsx and once as .csv while the
 * API process's resident set is sampled. Memory growth is the peak during a download minus the RSS
 * just before it; the rows of both files are counted afterwards.
 */
export const spreadsheetExports: Section = {
  name: 'exports',
  async run(ctx, figures) {
    const leads = ctx.settings.exportLeads;
    const db = await ctx.db(SCHEMAS.exports);
    phase(`exports: seeding ${num(leads)} leads with runs and follow-up tasks`);
    const seedStarted = performance.now();
    await migrateToLatest(db);
    await seedCatalog(db);
    await markCatalogCaughtUp(db);
    await addOfficers(db, OFFICERS);
    await insertLeads(db, ctx.keys.crmOwnerKey, leads);
    const runs = await insertRunsAndTasks(db);
    const seedSeconds = round((performance.now() - seedStarted) / 1000);

    const api = await startApi(ctx.target(SCHEMAS.exports, 'exports'), 1);
    const dir = await mkdtemp(join(tmpdir(), 'leadmatch-bench-exports-'));
    try {
      const url = `${api.url}/v1/leads/export`;
      const headers = { authorization: `Bearer ${ctx.keys.admin}` };
      // Warm-up: the route's code paths, schemas and the catalog, on a filter that matches no lead.
      await download(`${url}?status=erased&format=csv`, headers, join(dir, 'warmup.csv'), api.service.pid!);
      phase('exports: downloading every lead as .xlsx');
      const xlsx = await download(url, headers, join(dir, 'leads.xlsx'), api.service.pid!);
      phase('exports: downloading every lead as .csv');
      const csv = await download(`${url}?format=csv`, headers, join(dir, 'leads.csv'), api.service.pid!);
      const xlsxRows = await countRows(join(dir, 'leads.xlsx'), 'xlsx');
      const csvRows = await countRows(join(dir, 'leads.csv'), 'csv');
      for (const [format, rows] of [['xlsx', xlsxRows], ['csv', csvRows]] as const) {
        if (rows !== leads) ctx.problem('exports', `the .${format} export has ${rows} rows, not ${leads}`);
      }
      const measured: ExportFigures = { leads, matchedLeads: runs.runs, openTasks: runs.openTasks, seedSeconds, xlsx: { ...xlsx, rows: xlsxRows }, csv: { ...csv, rows: csvRows } };
      figures.exports = measured;
      ctx.checkServiceLog('exports', api.service);
      return [
        {
          title: `Export: GET /v1/leads/export of ${num(leads)} leads, one API process`,
          headers: ['format', 'rows', 'seconds', 'rows/s', 'MB', 'API RSS before', 'peak, 1st half', 'peak, 2nd half', 'growth'],
          rows: [xlsxRows, csvRows].map((rows, index) => {
            const run = index === 0 ? measured.xlsx : measured.csv;
            return [index === 0 ? 'xlsx' : 'csv', num(rows), num(run.seconds, 1), num(rows / run.seconds), num(run.bytes / 1e6, 1), `${num(run.rssBeforeMb)} MB`, `${num(run.rssPeakFirstHalfMb)} MB`, `${num(run.rssPeakSecondHalfMb)} MB`, `${num(run.rssGrowthMb)} MB`];
          }),
          notes: [
            `${num(runs.runs)} leads matched (a latest run each, facts of ${SAMPLE_FACTS} real seed-catalog matches), ${num(runs.openTasks)} open follow-up tasks over ${OFFICERS} officers; seeded in ${seedSeconds} s (not counted)`,
            'seconds: request to last byte, the client writing the file to disk; RSS sampled every 50 ms from /proc (VmRSS);',
            'growth: the peak minus the RSS before; a second half no higher than the first says memory does not grow with the rows',
          ],
        },
      ];
    } finally {
      await api.service.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function insertLeads(db: Kysely<Database>, ownerKey: string, count: number): Promise<void> {
  const next = leadBodyGenerator(47);
  const bar = progressBar('inserting', count, 'leads');
  try {
    for (let done = 0; done < count; done += INSERT_BATCH) {
      const rows = Array.from({ length: Math.min(INSERT_BATCH, count - done) }, (_, index) => ({
        ...leadRowValues(ownerKey, next()),
        external_id: `EXPORT-${done + index}`,
        status: (done + index) % 10 < MATCHED_SHARE * 10 ? 'matched' : 'pending',
      }));
      await db.insertInto('leads').values(rows).execute();
      bar.update(done + rows.length);
    }
  } finally {
    bar.stop();
  }
}

/**
 * A latest run for every matched lead (one of SAMPLE_FACTS real results, as the worker stores them)
 * and three follow-up tasks per run, most of them open, assigned round the officers; set-based SQL.
 */
async function insertRunsAndTasks(db: Kysely<Database>): Promise<{ runs: number; openTasks: number }> {
  const catalog = await new CatalogCache(db).current();
  const next = leadBodyGenerator(53);
  const samples = Array.from({ length: SAMPLE_FACTS }, () =>
    JSON.stringify(matchFacts(toMatchLead(normalizeMatchInput(next()), catalog.classifier.classify), catalog, { now: new Date() })),
  );
  const version = await catalogVersion(db);
  await sql`
    with req as (
      insert into match_requests (lead_id, reason, completed_at, outcome)
      select id, 'created', now(), 'matched' from leads where status = 'matched'
      returning id, lead_id
    )
    insert into match_runs (lead_id, request_id, is_latest, rules_version, catalog_version, industry_codes, suggested_park_ids,
                            facts, facts_digest, input_digest, evaluated_at, outline)
    select req.lead_id, req.id, true, 'bench', ${version}, '{}', '{}', f.facts::json, 'bench', 'bench', now(),
           '{"hasStrongFit": false, "suggestions": []}'::jsonb
    from req join unnest(${samples}::text[]) with ordinality as f(facts, i) on f.i = 1 + abs(hashtext(req.lead_id::text)) % ${SAMPLE_FACTS}
  `.execute(db);
  await sql`
    insert into follow_up_tasks (lead_id, run_id, kind, status, due_at, assignee_id)
    select r.lead_id, r.id, k.kind, case when abs(hashtext(r.id::text || k.kind)) % 10 < 7 then 'open' else 'done' end,
           now() + interval '2 days', o.ids[1 + abs(hashtext(r.lead_id::text || k.kind)) % array_length(o.ids, 1)]
    from match_runs r
    cross join (values ('call_back'), ('send_brochure'), ('review')) as k(kind)
    cross join (select array_agg(id order by id) as ids from staff) as o
  `.execute(db);
  const counted = await sql<{ runs: number; open: number }>`
    select (select count(*) from match_runs)::int as runs, (select count(*) from follow_up_tasks where status = 'open')::int as open`.execute(db);
  return { runs: counted.rows[0]!.runs, openTasks: counted.rows[0]!.open };
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024;
}

/** Downloads to a file, sampling the API's RSS meanwhile. */
async function download(url: string, headers: Record<string, string>, file: string, pid: number): Promise<Omit<ExportRun, 'rows'>> {
  const before = await rssMb(pid);
  const samples: { at: number; mb: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    void rssMb(pid).then((mb) => samples.push({ at: performance.now() - started, mb }), () => {});
  }, 50);
  try {
    const response = await fetch(url, { headers });
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await pipeline(Readable.fromWeb(response.body! as never), createWriteStream(file));
  } finally {
    clearInterval(sampler);
  }
  const elapsed = performance.now() - started;
  samples.push({ at: elapsed, mb: await rssMb(pid) });
  const peakOf = (from: number, to: number) => Math.max(before, ...samples.filter(({ at }) => at >= from && at <= to).map(({ mb }) => mb));
  const peak = peakOf(0, elapsed);
  return {
    seconds: round(elapsed / 1000, 2),
    bytes: (await stat(file)).size,
    rssBeforeMb: round(before, 1),
    rssPeakMb: round(peak, 1),
    rssGrowthMb: round(peak - before, 1),
    rssPeakFirstHalfMb: round(peakOf(0, elapsed / 2), 1),
    rssPeakSecondHalfMb: round(peakOf(elapsed / 2, elapsed), 1),
  };
}

async function countRows(file: string, format: 'xlsx' | 'csv'): Promise<number> {
  let rows = 0;
  for await (const row of readTable(createReadStream(file), format)) if (row.rowNumber > 1) rows += 1;
  return rows;
}
