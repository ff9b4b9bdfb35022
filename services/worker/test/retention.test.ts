import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { CatalogCache } from '@leadmatch/catalog';
import { personalDataFor, type Database } from '@leadmatch/db';
import { normalizeLeadInput } from '@leadmatch/domain';
import { openJobQueue, SCHEDULE_TIME_ZONE } from '@leadmatch/jobs';
import { eraseClosedLeads, type LeadToSave, saveLeadsWithMatchRequests } from '@leadmatch/leads';
import { testDatabase } from '@leadmatch/testing';
import { buildHandlers } from '../src/handlers.ts';

/** A table of pg-boss's: in the schema `pgboss` beside `public`, `<schema>_pgboss` beside any other (README, Job store). */
async function bossTable(db: Kysely<Database>, name: 'schedule') {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  return sql.table(`${schema === 'public' ? 'pgboss' : `${schema}_pgboss`}.${name}`);
}

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const personalData = personalDataFor(Buffer.alloc(32, 'retention-test-key'));

t.test('the retention job erases the personal data of leads closed past retention, in batches, and only those', async (t) => {
  const { db } = await testDatabase(t);
  const lead = (company: string): LeadToSave => ({
    newId: randomUUID(),
    ownerKey: 'key_retention',
    externalId: null,
    needs: normalizeLeadInput({
      company: { name: company },
      contact: { name: '张伟', phone: '13812345678', email: 'z@example.com' },
      industry: '医疗器械',
      uses: ['production'],
      notes: '老板姓张',
    }),
    idempotency: { key: `key-${company}`, requestHash: 'h' },
  });
  const leads = ['甲', '乙', '丙', '丁', '戊'].map(lead);
  await saveLeadsWithMatchRequests(db, leads, () => ({ statusCode: 201, body: {} }), personalData);
  const [old1, old2, old3, recent, open] = leads.map((saved) => saved.newId);
  const closeDaysAgo = (id: string, days: number) =>
    sql`update leads set closed_at = now() - ${days}::integer * interval '1 day', outcome = 'lost', close_note = '不再联系' where id = ${id}`.execute(db);
  await closeDaysAgo(old1!, 400);
  await closeDaysAgo(old2!, 366);
  await closeDaysAgo(old3!, 900);
  await closeDaysAgo(recent!, 10);

  const handlers = buildHandlers({ personalData, db, catalogs: new CatalogCache(db), queue: openJobQueue({ db, log: silent }), now: () => new Date() });
  await handlers.dispatch(eraseClosedLeads.name, { retentionDays: 365, batchSize: 2 }, { jobId: 'test', attempt: 1, log: silent });

  const rows = await db.selectFrom('leads').selectAll().orderBy('company_name').execute();
  const erased = rows.filter((row) => row.erased_at !== null).map((row) => row.id).sort();
  t.same(erased, [old1, old2, old3].sort(), 'every lead closed over 365 days ago, across batches of 2, and no other');
  for (const row of rows.filter((row) => row.erased_at !== null)) {
    t.match(row, { contact_name_sealed: null, contact_phone_sealed: null, contact_email_sealed: null, contact_phone_hash: null, notes: null, notes_sealed: null, close_note: null, close_note_sealed: null, status: 'erased', outcome: 'lost' });
  }
  for (const row of rows.filter((row) => row.erased_at === null)) t.ok(row.contact_phone_sealed, 'the others keep their contact');
  t.same(rows.find((row) => row.id === open)?.erased_at, null);

  const keys = await db.selectFrom('idempotency_keys').select('lead_id').execute();
  t.same(keys.map((key) => key.lead_id).sort(), [recent, open].sort(), 'their stored responses are gone');

  const events = await db.selectFrom('lead_events').select(['lead_id', 'type', 'data']).where('type', '=', 'lead.personal_data_erased').execute();
  t.same(events.map((event) => event.lead_id).sort(), [old1, old2, old3].sort(), 'one event per erased lead');
  t.match(events[0]!.data, { reason: 'retention', retentionDays: 365, outcome: 'lost' });
  t.notMatch(JSON.stringify(events), /张|1381234|z@example|不再联系/, 'events carry no personal data');

  await handlers.dispatch(eraseClosedLeads.name, { retentionDays: 365, batchSize: 2 }, { jobId: 'again', attempt: 1, log: silent });
  const again = await db.selectFrom('lead_events').select('id').where('type', '=', 'lead.personal_data_erased').execute();
  t.equal(again.length, 3, 'a second run finds nothing more to erase');
});

t.test('the daily schedule carries the configured retention', async (t) => {
  const { db } = await testDatabase(t);
  const queue = openJobQueue({ db, log: silent });
  const { registerSchedules } = await import('../src/schedules.ts');
  await registerSchedules(queue, '0 3 * * *', 30);
  // pg-boss keeps one schedule per job type, named `<queue>/<job type>`.
  const { rows } = await sql<{ cron: string; timezone: string; data: unknown }>`
    select cron, timezone, data from ${await bossTable(db, 'schedule')} where name = ${`${eraseClosedLeads.queue}/${eraseClosedLeads.name}`}`.execute(db);
  t.equal(rows.length, 1, 'one schedule');
  t.match(rows[0], { cron: '0 4 * * *', timezone: SCHEDULE_TIME_ZONE, data: { retentionDays: 30 } });
});
