import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { CatalogCache, catalogVersion, recordCatalogChanges, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { type Database, personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { followUpRunListener } from '@leadmatch/followups';
import { bossJobId, openJobQueue, PostgresJobWorker, storedJobs } from '@leadmatch/jobs';
import { matchLeadJob, matchRequestPage, requestMatches } from '@leadmatch/leads';
import { suggestionChanges } from '@leadmatch/matcher';
import {
  latestRun,
  leadsTouching,
  markCatalogVersionSeen,
  requestRematchAfterCatalogChanges,
  requestRematchOfOpenLeads as requestRematch,
  runMatchRequests,
  runResult,
} from '@leadmatch/matching';
import { createStaffMember } from '@leadmatch/staff';
import { eventually, testDatabase, validLead } from '@leadmatch/testing';
import { buildHandlers } from '../src/handlers.ts';

/** The key the test API seals with (the development key), so the worker opens what the API wrote. */
const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);

const log = { info: () => {}, warn: () => {}, error: () => {} };
const database = await testDatabase(t);
const { db } = database;
await seedCatalog(db);
await createStaffMember(db, personalData, { name: '王芳', email: null, role: 'officer', active: true, supervisorId: null });
const catalogs = new CatalogCache(db);
const queue = openJobQueue({ db, log });
const handlers = buildHandlers({ personalData, db, catalogs, queue, now: () => new Date() });

/** Stores leads directly (no API, so no job is enqueued) and requests a match for each. */
async function leadsWithRequests(count: number, overrides: Record<string, unknown> = {}) {
  const needs = normalizeLeadInput(validLead(overrides) as LeadInput);
  const rows = await db
    .insertInto('leads')
    .values(
      Array.from({ length: count }, () => ({
        owner_key: 'key_batches',
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
      })),
    )
    .returning('id')
    .execute();
  const leadIds = rows.map((row) => row.id);
  return { leadIds, requestIds: await requestMatches(db, leadIds, 'created') };
}

/** Makes a request fail whenever its run is stored: a run already names it (match_runs.request_id is unique). */
async function poison(db: Kysely<Database>, requestId: string, leadId: string) {
  await sql`insert into match_runs (lead_id, request_id, is_latest, rules_version, catalog_version, industry_codes, suggested_park_ids, result, outline)
    values (${leadId}, ${requestId}, false, 'poison', 0, '{}', '{}', '{}', '{}')`.execute(db);
}

const requestRows = (ids: string[]) => db.selectFrom('match_requests').select(['id', 'completed_at', 'outcome']).where('id', 'in', ids).execute();
const runTransactions = async (requestIds: string[]) =>
  (await sql<{ xmin: string }>`select distinct xmin::text as xmin from match_runs where request_id = any(${sql.val(requestIds)}::uuid[])`.execute(db)).rows;

/** A table of pg-boss's: in the schema `pgboss` beside `public`, `<schema>_pgboss` beside any other (README, Job store). */
async function bossTable(db: Kysely<Database>, name: 'job') {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return sql.table(`${schema === 'public' ? 'pgboss' : `${schema}_pgboss`}.${name}`);
}

/** Empties pg-boss's job table, so a test sees only the jobs it queues. */
async function deleteAllJobs() {
  await sql`delete from ${await bossTable(db, 'job')}`.execute(db);
}

const dispatchMatch = (requestId: string, attempt = 1) => handlers.dispatch(matchLeadJob.name, { requestId }, { jobId: requestId, attempt, log });

t.test('match jobs that run at once share one transaction', async (t) => {
  const { leadIds, requestIds } = await leadsWithRequests(4);
  const settled = await Promise.allSettled(requestIds.map((id) => dispatchMatch(id)));
  t.ok(settled.every((outcome) => outcome.status === 'fulfilled'));
  t.equal((await runTransactions(requestIds)).length, 1, 'the four runs were written by one transaction');
  t.ok((await requestRows(requestIds)).every((request) => request.completed_at && request.outcome === 'matched'));
  const tasks = await db.selectFrom('follow_up_tasks').select(['lead_id', 'due_at', 'next_reminder_at']).where('lead_id', 'in', leadIds).execute();
  t.same(new Set(tasks.map((task) => task.lead_id)), new Set(leadIds), 'every lead got its follow-up tasks');
  t.ok(tasks.every((task) => task.next_reminder_at?.getTime() === task.due_at.getTime()), 'each with its first reminder due at its due time');
  await dispatchMatch(requestIds[0]!);
  t.equal((await db.selectFrom('match_runs').select('id').where('lead_id', '=', leadIds[0]!).execute()).length, 1, 'a repeated job finds its request done');
});

t.test('a failing request in a batch fails alone; its neighbours are matched', async (t) => {
  const { leadIds, requestIds } = await leadsWithRequests(3);
  await poison(db, requestIds[1]!, leadIds[1]!);
  const settled = await Promise.allSettled(requestIds.map((id) => dispatchMatch(id)));
  t.same(settled.map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled']);
  const rows = new Map((await requestRows(requestIds)).map((row) => [row.id, row]));
  t.equal(rows.get(requestIds[0]!)?.outcome, 'matched');
  t.equal(rows.get(requestIds[2]!)?.outcome, 'matched');
  t.equal(rows.get(requestIds[1]!)?.completed_at, null, 'the failed request stays open for its retries');

  await t.rejects(dispatchMatch(requestIds[1]!, matchLeadJob.attempts), 'its last attempt fails too');
  t.equal((await requestRows([requestIds[1]!]))[0]?.outcome, 'failed', 'and the request is closed as failed');
  const lead = await db.selectFrom('leads').select(['status', 'status_reason']).where('id', '=', leadIds[1]!).executeTakeFirstOrThrow();
  t.match(lead, { status: 'failed', status_reason: /match_runs_request_id/ }, 'the lead is marked failed with the reason');
});

t.test('a lead asked twice in one batch is matched twice, in order: the second finds nothing changed', async (t) => {
  const { leadIds, requestIds } = await leadsWithRequests(1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const [again] = await requestMatches(db, leadIds, 'updated');
  const outcomes = await runMatchRequests(db, catalogs, personalData, [again!, requestIds[0]!], new Date(), followUpRunListener(), log);
  t.same([...outcomes.values()], ['matched', 'matched']);
  const runs = await db.selectFrom('match_runs').select(['request_id', 'is_latest', 'checked_at']).where('lead_id', '=', leadIds[0]!).execute();
  t.equal(runs.length, 1, 'the second match found the same facts: no second run');
  t.equal(runs[0]!.request_id, requestIds[0], 'the earlier request made the run');
  t.ok(runs[0]!.checked_at, 'and the later one recorded its check on it');
  const calls = await db.selectFrom('follow_up_tasks').select('id').where('lead_id', '=', leadIds[0]!).where('kind', '=', 'call_back').execute();
  t.equal(calls.length, 1, 'the second run saw the first: no second call back');
});

t.test('erased leads are skipped in a batch', async (t) => {
  const { leadIds, requestIds } = await leadsWithRequests(2);
  await db.updateTable('leads').set({ erased_at: new Date(), status: 'erased' }).where('id', '=', leadIds[0]!).execute();
  const outcomes = await runMatchRequests(db, catalogs, personalData, requestIds, new Date(), followUpRunListener(), log);
  t.same([outcomes.get(requestIds[0]!), outcomes.get(requestIds[1]!)], ['skipped', 'matched']);
});

t.test('the changes a run records from its previous run’s outline equal those from the whole result', async (t) => {
  const { leadIds, requestIds } = await leadsWithRequests(1, { industry: '高端医疗器械研发与生产', land: { area: 30, unit: 'mu' } });
  await runMatchRequests(db, catalogs, personalData, requestIds, new Date(), followUpRunListener(), log);
  const catalog = await catalogs.current();
  const first = await runResult(db, catalog, (await latestRun(db, leadIds[0]!))!);
  await db.updateTable('leads').set({ industry: '声学器件', regions: [] }).where('id', '=', leadIds[0]!).execute();
  await runMatchRequests(db, catalogs, personalData, await requestMatches(db, leadIds, 'updated'), new Date(), followUpRunListener(), log);
  const second = (await latestRun(db, leadIds[0]!))!;
  t.ok(second.changes, 'the suggestions moved');
  t.same(second.changes, suggestionChanges(first, await runResult(db, catalog, second)));
});

t.test('the scheduled re-match streams leads in pages and matches them in page jobs', async (t) => {
  await deleteAllJobs();
  const { leadIds } = await leadsWithRequests(7);
  await runMatchRequests(db, catalogs, personalData, await requestMatches(db, leadIds.slice(0, 2), 'manual'), new Date(), followUpRunListener(), log);
  const open = await db.selectFrom('leads').select('id').where('erased_at', 'is', null).execute();
  const pageSize = 3;
  const requested = await requestRematch({ db, queue, log, pageSize });
  t.equal(requested, open.length, 'every open lead');
  const pages = await storedJobs(db, matchRequestPage);
  t.equal(pages.length, Math.ceil(open.length / pageSize), 'one page job per page of leads');
  t.ok(pages.every((job) => (job.payload as { requestIds: string[] }).requestIds.length <= pageSize));
  t.equal((await storedJobs(db, matchLeadJob)).length, 0, 'no job per lead');

  const scheduled = () => db.selectFrom('match_requests').select(['completed_at', 'outcome']).where('reason', '=', 'scheduled').execute();
  t.equal((await scheduled()).length, open.length, 'one scheduled request per open lead');
  const worker = new PostgresJobWorker(db, handlers, { log, pollIntervalMs: 25 });
  t.teardown(() => worker.close());
  await worker.start();
  await eventually(async () => (await scheduled()).every((request) => request.completed_at), 20_000);
  t.ok((await scheduled()).every((request) => request.outcome === 'matched'), 'each request completed when its run was stored');
});

t.test('a catalog change re-matches the leads it can affect, streamed in pages', async (t) => {
  await deleteAllJobs();
  await markCatalogVersionSeen(db, await catalogVersion(db));
  // The park most latest runs suggest: some leads of this file have needs of their own, and so other parks.
  const { rows } = await sql<{ park_id: string }>`select park_id from match_runs, unnest(suggested_park_ids) as park_id
    where is_latest group by park_id order by count(*) desc, park_id limit 1`.execute(db);
  const parkId = rows[0]!.park_id;
  await db.transaction().execute((trx) => recordCatalogChanges(trx, 'test', [{ action: 'update', entity: 'carriers', entityId: 'test-carrier', parkIds: [parkId] }]));
  const industryCodes = (await catalogs.current()).index.parks.get(parkId)!.industries.map((industry) => industry.code);
  const touched = await leadsTouching(db, { parkIds: [parkId], industryCodes }, null, 10_000);
  t.ok(touched.length > 2, 'several leads, so several pages');

  const requested = await requestRematchAfterCatalogChanges({ db, queue, log, catalogs, pageSize: 2 }, { quietMs: 0, maxDelayMs: 0 });
  t.equal(requested, touched.length);
  const requests = await db.selectFrom('match_requests').select('lead_id').where('reason', '=', 'catalog').execute();
  t.same(requests.map((request) => request.lead_id).sort(), [...touched].sort(), 'one catalog request per affected lead');
  const pages = await storedJobs(db, matchRequestPage);
  t.equal(pages.length, Math.ceil(touched.length / 2), 'one page job per page of leads');
  t.equal(await requestRematchAfterCatalogChanges({ db, queue, log, catalogs }, { quietMs: 0, maxDelayMs: 0 }), 'nothing', 'the change is seen once');
});

t.test('a request that fails in its page goes on as a job of its own', async (t) => {
  await deleteAllJobs();
  const { leadIds, requestIds } = await leadsWithRequests(3);
  await poison(db, requestIds[2]!, leadIds[2]!);
  await handlers.dispatch(matchRequestPage.name, { requestIds }, { jobId: 'page', attempt: 1, log });
  const rows = new Map((await requestRows(requestIds)).map((row) => [row.id, row.outcome]));
  t.same([rows.get(requestIds[0]!), rows.get(requestIds[1]!), rows.get(requestIds[2]!)], ['matched', 'matched', null]);
  const matchQueue = handlers.jobTypes().filter((type) => type.queue === matchLeadJob.queue);
  const jobs = (await Promise.all(matchQueue.map(async (type) => (await storedJobs(db, type)).map((job) => ({ name: type.name, id: job.id }))))).flat();
  t.same(jobs, [{ name: matchLeadJob.name, id: bossJobId(requestIds[2]!) }], 'with the retries of a match job');
});
