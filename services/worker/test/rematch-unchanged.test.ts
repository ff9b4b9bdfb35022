import t from 'tap';
import { applyCatalogEdit, CatalogCache, seedCatalog } from '@leadmatch/catalog';
import { loadConfig } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput, type LeadInput } from '@leadmatch/domain';
import { followUpRunListener } from '@leadmatch/followups';
import { requestMatches } from '@leadmatch/leads';
import { latestRun, runMatchRequests, runResult } from '@leadmatch/matching';
import { testDatabase, validLead } from '@leadmatch/testing';

const personalData = personalDataFor(loadConfig({ NODE_ENV: 'test' }).piiKey);
const log = { info: () => {}, warn: () => {}, error: () => {} };
const { db } = await testDatabase(t);
await seedCatalog(db);
const catalogs = new CatalogCache(db);

async function storedLead(overrides: Record<string, unknown> = {}): Promise<string> {
  const needs = normalizeLeadInput(validLead(overrides) as LeadInput);
  const row = await db
    .insertInto('leads')
    .values({
      owner_key: 'key_unchanged',
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

/** How many leads the matcher itself ran for. */
let matcherRuns = 0;
const timings = { observe: () => void matcherRuns++ };

async function match(leadId: string, reason: 'created' | 'scheduled' | 'updated', now = new Date()) {
  const requestIds = await requestMatches(db, [leadId], reason);
  return runMatchRequests(db, catalogs, personalData, requestIds, now, followUpRunListener(), log, timings);
}

const runsOf = (leadId: string) => db.selectFrom('match_runs').select(['id', 'is_latest']).where('lead_id', '=', leadId).execute();
const eventsOf = (leadId: string) => db.selectFrom('lead_events').select('type').where('lead_id', '=', leadId).execute();

t.test('a re-match that finds the same facts records a check, not a run, and emits nothing', async (t) => {
  const leadId = await storedLead({ industry: '抗体药物研发生产', regions: ['苏州'], policyInterests: ['financing'] });
  await match(leadId, 'created');
  const [run] = await runsOf(leadId);
  const events = (await eventsOf(leadId)).length;
  const before = matcherRuns;
  const outcomes = await match(leadId, 'scheduled');
  t.equal(matcherRuns, before, 'the same lead, catalog, rules and policies in force: the matcher does not even run');
  t.same([...outcomes.values()], ['matched'], 'the request completes as matched');
  t.same(await runsOf(leadId), [run], 'still one run');
  t.equal((await eventsOf(leadId)).length, events, 'no event');
  const checked = (await latestRun(db, leadId))!.checked;
  t.match(checked, { at: Date, catalogVersion: (await catalogs.current()).index.version, rulesVersion: String });
});

t.test('a re-match whose facts differ stores a new run with its events', async (t) => {
  const leadId = await storedLead({ industry: '抗体药物研发生产', regions: ['苏州'] });
  await match(leadId, 'created');
  const events = (await eventsOf(leadId)).length;
  await db.updateTable('leads').set({ regions: ['上海'] }).where('id', '=', leadId).execute();
  await match(leadId, 'updated');
  const runs = await runsOf(leadId);
  t.equal(runs.length, 2, 'a new run');
  t.equal(runs.filter((run) => run.is_latest).length, 1);
  t.ok((await eventsOf(leadId)).length > events, 'lead.matched (and what changed) emitted');
});

t.test('a stored run is worded with the catalog of its version, or of its last check', async (t) => {
  const leadId = await storedLead({ industry: '抗体药物研发生产', regions: ['苏州'], policyInterests: ['financing'] });
  await match(leadId, 'created');
  const run = (await latestRun(db, leadId))!;
  const before = await runResult(db, await catalogs.current(), run);
  const policyId = before.suggestions.flatMap((s) => s.policies)[0]!.id;
  const policy = (await catalogs.current()).snapshot.policies.find((p) => p.id === policyId)!;
  const renamed = `${policy.name}（修订）`;
  await applyCatalogEdit(db, 'test', { upsert: { policies: [{ ...policy, name: renamed }] } });

  const asMatched = await runResult(db, await catalogs.current(), run);
  t.same(asMatched, before, 'read after the catalog moved on, the run still says what it said');

  await match(leadId, 'scheduled');
  const recheck = (await latestRun(db, leadId))!;
  t.equal(recheck.id, run.id, 'a rename changes no fact: the run is checked, not replaced');
  const now = await runResult(db, await catalogs.current(), recheck);
  t.ok(now.suggestions.flatMap((s) => s.policies).some((p) => p.id === policyId && p.name === renamed), 'checked at the new version, it uses the new name');
});

t.test('a re-match after a policy came into force or lapsed matches again', async (t) => {
  const catalog = await catalogs.current();
  const boundary = catalog.snapshot.policies.map((policy) => policy.validTo ?? policy.validFrom).find((day) => day !== null)!;
  const dayBefore = new Date(new Date(`${boundary}T12:00:00Z`).getTime() - 86_400_000);
  const leadId = await storedLead({ industry: '抗体药物研发生产', regions: ['苏州'] });
  await match(leadId, 'created', dayBefore);
  const before = matcherRuns;
  await match(leadId, 'scheduled', new Date(dayBefore.getTime() + 3_600_000));
  t.equal(matcherRuns, before, 'later the same day: not matched');
  await match(leadId, 'scheduled', new Date(`${boundary}T12:00:00Z`));
  t.equal(matcherRuns, before + 1, `on ${boundary}, when a policy's validity starts or ends: matched again`);
});
