import { randomUUID } from 'node:crypto';
import { findLead, saveLeadsWithMatchRequests, type LeadToSave } from '@leadmatch/leads';

// Loaded for its tables (follow_up_tasks, follow_up_history), which this test reads and writes directly.
import '@leadmatch/followups';
import { findStaffMember } from '@leadmatch/staff';
import { personalDataFor } from '@leadmatch/db';
import { sealExistingPersonalData } from '../src/seal-existing.ts';
import { webhookDeliveryToSend } from '@leadmatch/webhooks';
import { normalizeLeadInput } from '@leadmatch/domain';
import { testDatabase } from '@leadmatch/testing';
import { sql } from 'kysely';
import t from 'tap';

const OWNER = 'key_personal';
const personalData = personalDataFor(Buffer.alloc(32, 'personal-data-test-key'));
const PHONE_DIGITS = '13812345678';

t.test('a sealed value opens with its key and field only, and every seal differs', async (t) => {
  const sealed = personalData.seal('contact_phone', '+8613812345678');
  t.match(sealed, /^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/, 'versioned envelope: IV, ciphertext, tag');
  t.not(personalData.seal('contact_phone', '+8613812345678'), sealed, 'a fresh IV per value');
  t.equal(personalData.open('contact_phone', sealed), '+8613812345678');
  t.throws(() => personalData.open('contact_name', sealed), 'a value moved to another column does not open');
  t.throws(() => personalDataFor(Buffer.alloc(32, 'another key')).open('contact_phone', sealed), 'nor under another key');
  const tampered = sealed.replace(/\.([\w-])/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
  t.throws(() => personalData.open('contact_phone', tampered), 'nor once tampered with');
  t.equal(personalData.phoneHash('+8613812345678'), personalData.phoneHash('+8613812345678'), 'the hash is deterministic');
  t.not(personalDataFor(Buffer.alloc(32, 'another key')).phoneHash('+8613812345678'), personalData.phoneHash('+8613812345678'), 'and keyed');
});

const needs = normalizeLeadInput({
  company: { name: '苏州示例生物科技有限公司' },
  contact: { name: '欧阳娜娜', phone: PHONE_DIGITS, email: 'Nana.Ouyang@example.com' },
  industry: '抗体药物研发',
  uses: ['rnd'],
});

t.test('intake stores the contact sealed: no phone digits, name or e-mail in any column, nor in the stored response', async (t) => {
  const { db } = await testDatabase(t);
  const toSave: LeadToSave = { newId: randomUUID(), ownerKey: OWNER, externalId: null, needs, idempotency: { key: 'k-1', requestHash: 'h' } };
  const responseOf = (saved: { lead: unknown }) => ({ statusCode: 201, body: saved.lead });
  const [saved] = await saveLeadsWithMatchRequests(db, [toSave], responseOf, personalData);
  t.match(saved, { kind: 'created', lead: { contactName: '欧阳娜娜', contactPhone: '+8613812345678', contactEmail: 'nana.ouyang@example.com' } });

  const { rows } = await sql<{ row: string }>`select row_to_json(l)::text as row from leads l where id = ${toSave.newId}`.execute(db);
  const raw = rows[0]!.row;
  for (const secret of [PHONE_DIGITS, '欧阳娜娜', 'nana.ouyang']) t.notMatch(raw, secret, `the raw row holds no ${secret}`);
  const stored = await sql<{ row: string }>`select row_to_json(k)::text as row from idempotency_keys k`.execute(db);
  for (const secret of [PHONE_DIGITS, '欧阳娜娜', 'nana.ouyang']) t.notMatch(stored.rows[0]!.row, secret, `the stored response holds no ${secret}`);

  const read = await findLead(db, toSave.newId, { ownerKey: OWNER }, personalData);
  t.match(read, { contactName: '欧阳娜娜', contactPhone: '+8613812345678', contactEmail: 'nana.ouyang@example.com' }, 'it opens again');

  const [replayed] = await saveLeadsWithMatchRequests(db, [{ ...toSave, newId: randomUUID() }], responseOf, personalData);
  t.match(replayed, { kind: 'claimed-before', stored: { body: { contactPhone: '+8613812345678' } } }, 'the replay opens the stored response');
});

async function insertPlain(db: Awaited<ReturnType<typeof testDatabase>>['db'], values: { company: string; phone: string | null; name?: string; createdAt?: string }) {
  const row = await db
    .insertInto('leads')
    .values({
      owner_key: OWNER,
      industry: '医疗器械',
      uses: ['production'],
      regions: [],
      policy_interests: [],
      company_name: values.company,
      contact_name: values.name ?? '张伟',
      contact_phone: values.phone,
      contact_email: 'zhang@example.com',
      created_at: values.createdAt ?? new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

t.test('boot sealing moves plaintext rows and stored responses into the sealed columns, links duplicates, and is idempotent', async (t) => {
  const { db } = await testDatabase(t);
  const older = await insertPlain(db, { company: '苏州甲公司', phone: '+8613800000001', createdAt: '2026-01-01T00:00:00Z' });
  const duplicate = await insertPlain(db, { company: '蘇州 甲公司', phone: '+8613800000001', createdAt: '2026-02-01T00:00:00Z' });
  const others = [];
  for (let i = 0; i < 7; i++) others.push(await insertPlain(db, { company: `苏州乙公司${i}`, phone: `+86138000001${String(i).padStart(2, '0')}` }));
  await sql`insert into idempotency_keys (owner_key, key, request_hash, status_code, response, lead_id)
    values (${OWNER}, 'old', 'h', 201, ${JSON.stringify({ contact: { phone: '+8613800000001' } })}::jsonb, ${older})`.execute(db);

  t.same(await sealExistingPersonalData(db, personalData, 3), { leads: 9, responses: 1, webhookSecrets: 0, texts: 0 }, 'in batches of 3, every row');
  const plain = await db
    .selectFrom('leads')
    .select('id')
    .where((eb) => eb.or([eb('contact_name', 'is not', null), eb('contact_phone', 'is not', null), eb('contact_email', 'is not', null)]))
    .execute();
  t.same(plain, [], 'no plaintext column holds anything');
  const { rows } = await sql<{ row: string }>`select row_to_json(l)::text as row from leads l`.execute(db);
  t.notOk(rows.some((row) => row.row.includes('13800000') || row.row.includes('张伟')), 'no phone digits nor name in any row');
  const response = await sql<{ row: string }>`select row_to_json(k)::text as row from idempotency_keys k`.execute(db);
  t.notMatch(response.rows[0]!.row, '13800000', 'the stored response is sealed');

  t.match(await findLead(db, older, { ownerKey: OWNER }, personalData), { contactName: '张伟', contactPhone: '+8613800000001', contactEmail: 'zhang@example.com' });
  const linked = await db.selectFrom('leads').select(['id', 'duplicate_of', 'company_key']).where('id', 'in', [older, duplicate]).orderBy('created_at').execute();
  t.same(linked.map((row) => row.duplicate_of), [null, older], 'the younger duplicate is linked to the older lead');
  t.equal(linked[0]!.company_key, linked[1]!.company_key, 'Traditional and spaced names normalise alike');

  t.same(await sealExistingPersonalData(db, personalData, 3), { leads: 0, responses: 0, webhookSecrets: 0, texts: 0 }, 'a second boot finds nothing to do');
  t.match(await findLead(db, others[6]!, { ownerKey: OWNER }, personalData), { contactPhone: '+8613800000106' }, 'sealed once, not twice');
});

t.test('boot sealing seals webhook secrets stored in plain text, and the worker reads either form meanwhile', async (t) => {
  const { db } = await testDatabase(t);
  const subscriptions = [];
  for (let i = 0; i < 4; i++) {
    const row = await db
      .insertInto('webhook_subscriptions')
      .values({ url: `https://crm.example.com/${i}`, secret: `plaintext-secret-number-${i}`, events: ['lead.matched'], created_by: 'old' })
      .returning('id')
      .executeTakeFirstOrThrow();
    subscriptions.push(row.id);
  }
  const lead = await insertPlain(db, { company: '苏州丙公司', phone: '+8613800000201' });
  const event = await db.insertInto('lead_events').values({ lead_id: lead, type: 'lead.matched', data: '{}' }).returning('id').executeTakeFirstOrThrow();
  const delivery = await db
    .insertInto('webhook_deliveries')
    .values({ subscription_id: subscriptions[0]!, event_id: event.id, event_type: 'lead.matched' })
    .returning('id')
    .executeTakeFirstOrThrow();
  t.same((await webhookDeliveryToSend(db, personalData, delivery.id))?.secrets, ['plaintext-secret-number-0'], 'a row not yet sealed still signs');

  t.match(await sealExistingPersonalData(db, personalData, 3), { webhookSecrets: 4 });
  const rows = await db.selectFrom('webhook_subscriptions').select(['id', 'secret', 'secret_sealed', 'secret_hint']).orderBy('url').execute();
  t.same(rows.map((row) => row.secret), [null, null, null, null], 'no plaintext left');
  t.same(rows.map((row) => personalData.open('webhook_secret', row.secret_sealed!)), [0, 1, 2, 3].map((i) => `plaintext-secret-number-${i}`));
  t.same(rows.map((row) => row.secret_hint), ['****er-0', '****er-1', '****er-2', '****er-3']);
  t.same((await webhookDeliveryToSend(db, personalData, delivery.id))?.secrets, ['plaintext-secret-number-0'], 'and signs the same once sealed');
  t.match(await sealExistingPersonalData(db, personalData, 3), { webhookSecrets: 0 }, 'once');
});

t.test('boot sealing seals notes, close notes, follow-up notes and staff names stored in plain text; reads see them the same', async (t) => {
  const { db } = await testDatabase(t);
  const lead = await insertPlain(db, { company: '苏州丁公司', phone: '+8613800000301' });
  await sql`update leads set notes = '王经理 13900001111 想看厂房', closed_at = now(), outcome = 'lost', close_note = '已回电 13900001111' where id = ${lead}`.execute(db);
  const staff = await db
    .insertInto('staff')
    .values({ name: '李雷', email: 'li.lei@desk.example.cn', role: 'officer' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('follow_up_tasks')
    .values({ lead_id: lead, kind: 'manual', due_at: new Date().toISOString(), assignee_id: staff.id, note: '约了周三 13900001111' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('follow_up_history').values({ task_id: task.id, action: 'completed', actor: 'k', data: '{}', note: '客户说 13900001111 换号了' }).execute();
  await db.insertInto('follow_up_history').values({ task_id: task.id, action: 'reminded', actor: 'reminders', data: '{}', note: 'due now' }).execute();

  t.match(await sealExistingPersonalData(db, personalData, 2), { texts: 6 });
  const dump = await sql<{ row: string }>`
    select row_to_json(x)::text as row from (
      select notes, close_note, null as name from leads union all
      select note, null, null from follow_up_tasks union all
      select note, null, null from follow_up_history where actor <> 'reminders' union all
      select null, email, name from staff) x`.execute(db);
  t.notOk(dump.rows.some((row) => /13900001111|李雷|li\.lei/.test(row.row)), 'no plaintext left in any of those columns');
  t.match(await findLead(db, lead, { ownerKey: OWNER }, personalData), { notes: '王经理 13900001111 想看厂房', closeNote: '已回电 13900001111' });
  t.match(await findLead(db, lead, { ownerKey: OWNER }), { notes: null, closeNote: null }, 'without the key, no free text');
  t.match(await findStaffMember(db, personalData, staff.id), { name: '李雷', email: 'li.lei@desk.example.cn' });
  const sealedTask = await db.selectFrom('follow_up_tasks').select('note_sealed').where('id', '=', task.id).executeTakeFirstOrThrow();
  t.equal(personalData.open('follow_up_note', sealedTask.note_sealed!), '约了周三 13900001111');
  const serviceNote = await db.selectFrom('follow_up_history').select(['note', 'note_sealed']).where('actor', '=', 'reminders').executeTakeFirstOrThrow();
  t.same(serviceNote, { note: 'due now', note_sealed: null }, 'the service’s own note stays plain');
  t.match(await sealExistingPersonalData(db, personalData, 2), { texts: 0 }, 'once');
});
