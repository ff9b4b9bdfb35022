import { sql } from 'kysely';
import t, { type Test } from 'tap';
import { CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { followUpRunListener } from '@leadmatch/followups';
import { openJobQueue } from '@leadmatch/jobs';
import { matchLeadJob, requestMatches } from '@leadmatch/leads';
import { runMatchRequests } from '@leadmatch/matching';
import { createStaffMember } from '@leadmatch/staff';
import { eventually, serviceUrl, testDatabase, validLead } from '@leadmatch/testing';
import { buildHandlers } from '../src/handlers.ts';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

// Concurrent transactions need a real server: PGlite runs one connection.
if (serviceUrl(t, 'DATABASE_URL')) {
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  const database = await testDatabase(t);
  const { db } = database;
  await seedCatalog(db);
  await createStaffMember(db, personalData, { name: '王芳', email: null, role: 'officer', active: true, supervisorId: null });
  const catalogs = new CatalogCache(db);
  const queue = openJobQueue({ db, log });

  /** One lead, stored directly (no API, so no job is enqueued). */
  async function oneLead(): Promise<string> {
    const needs = normalizeLeadInput(validLead() as LeadInput);
    const row = await db
      .insertInto('leads')
      .values({
        owner_key: 'key_concurrent',
        external_id: null,
        company_name: needs.companyName,
        contact_name: needs.contactName,
        industry: needs.industry,
        uses: needs.uses,
        land_m2: needs.landM2,
        building_m2: needs.buildingM2,
        building_tenure: needs.buildingTenure,
        annual_tax_wan: needs.annualTaxWan,
        investment_wan: needs.investmentWan,
        regions: needs.regions,
        policy_interests: needs.policyInterests,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Many open requests for one lead. */
  async function openRequests(leadId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(...(await requestMatches(db, [leadId], i === 0 ? 'created' : 'updated')));
    return ids;
  }

  /**
   * The lead's needs do not change between its requests here, so only its first match stores a run;
   * every later one finds the same facts and records its check on the latest run.
   */
  async function checkRuns(t: Test, leadId: string, requestIds: string[], runsExpected: number) {
    const runs = await db.selectFrom('match_runs').select(['request_id', 'is_latest', 'created_at']).where('lead_id', '=', leadId).execute();
    t.equal(runs.length, runsExpected, 'one run for the first match, checks for the same facts after it');
    const latest = runs.filter((run) => run.is_latest);
    t.equal(latest.length, 1, 'exactly one run is the latest');
    const newest = Math.max(...runs.map((run) => run.created_at.getTime()));
    t.equal(latest[0]?.created_at.getTime(), newest, 'the latest run is the newest one');
    const requests = await db.selectFrom('match_requests').select('outcome').where('id', 'in', requestIds).execute();
    t.ok(requests.every((request) => request.outcome === 'matched'), 'every request completed as matched');
  }

  const WORKERS = 12;

  t.test('runs of one lead recorded at once, by separate transactions, all succeed with one latest', async (t) => {
    const leadId = await oneLead();
    for (const wave of ['first runs of the lead', 'runs after a latest one exists']) {
      const requestIds = await openRequests(leadId, WORKERS);
      const settled = await Promise.allSettled(requestIds.map((id) => runMatchRequests(db, catalogs, personalData, [id], new Date(), followUpRunListener(), log)));
      const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
      t.same(failures, [], `${wave}: no transaction failed`);
      await checkRuns(t, leadId, requestIds, 1);
    }
  });

  t.test('a batch that began first but records last makes the latest run, and the newest', async (t) => {
    const leadId = await oneLead();
    const [early, late] = await openRequests(leadId, 2);
    // Another transaction holds the early request, so its batch (begun first) waits, until the later one has committed, before it reads the lead.
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = db.transaction().execute(async (trx) => {
      await trx.selectFrom('match_requests').select('id').where('id', '=', early!).forUpdate().execute();
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    const earlyRun = runMatchRequests(db, catalogs, personalData, [early!], new Date(), followUpRunListener(), log);
    await eventually(async () => {
      const { rows } = await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      return rows[0]!.waiting > 0;
    });
    t.same([...(await runMatchRequests(db, catalogs, personalData, [late!], new Date(), followUpRunListener(), log)).values()], ['matched'], 'the later batch records its run first');
    // New needs, which the earlier batch reads once it gets the lead: its facts differ, so it stores a run of its own.
    await db.updateTable('leads').set({ regions: ['上海'] }).where('id', '=', leadId).execute();
    release();
    await holder;
    t.same([...(await earlyRun).values()], ['matched'], 'then the earlier batch records its own');
    const latest = await db.selectFrom('match_runs').select('request_id').where('lead_id', '=', leadId).where('is_latest', '=', true).execute();
    t.same(latest, [{ request_id: early }], 'the run recorded last is the latest');
    await checkRuns(t, leadId, [early!, late!], 2);
  });

  t.test('match jobs of one lead on several workers at once: no failed attempt', async (t) => {
    const leadId = await oneLead();
    // Each worker batches its own jobs (a group commit per worker), so the workers' transactions race.
    const deps = { db, catalogs, queue, personalData, now: () => new Date() };
    const workers = Array.from({ length: 4 }, () => buildHandlers(deps));
    const requestIds = await openRequests(leadId, WORKERS);
    const settled = await Promise.allSettled(
      requestIds.map((requestId, i) => workers[i % workers.length]!.dispatch(matchLeadJob.name, { requestId }, { jobId: requestId, attempt: 1, log })),
    );
    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    t.same(failures, [], 'no attempt failed');
    await checkRuns(t, leadId, requestIds, 1);
  });
}
