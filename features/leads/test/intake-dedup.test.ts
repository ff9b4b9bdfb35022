import { randomUUID } from 'node:crypto';
import t from 'tap';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput } from '@leadmatch/domain';
import { testDatabase } from '@leadmatch/testing';
import { eraseLead } from '../src/erasure-repository.ts';
import { saveLeadsWithMatchRequests, type IntakeOutcome, type LeadToSave } from '../src/intake-repository.ts';
import { closeLead } from '../src/repository.ts';

const OWNER = 'key_dedup';
const personalData = personalDataFor(Buffer.alloc(32, 'dedup-test-key'));
const responseOf = (saved: { kind: string; lead: { id: string } }) => ({ statusCode: saved.kind === 'created' ? 201 : 200, body: { id: saved.lead.id } });

function lead(company: { name: string; creditCode?: string }, phone = '13812345678', overrides: Partial<LeadToSave> = {}): LeadToSave {
  return {
    newId: randomUUID(),
    ownerKey: OWNER,
    externalId: null,
    needs: normalizeLeadInput({ company, contact: { name: '张伟', phone }, industry: '抗体药物研发', uses: ['rnd'] }),
    idempotency: null,
    ...overrides,
  };
}

const save = async (db: Parameters<typeof saveLeadsWithMatchRequests>[0], leads: LeadToSave[]) =>
  saveLeadsWithMatchRequests(db, leads, responseOf, personalData);
const idOf = (outcome: IntakeOutcome | undefined) => (outcome && 'lead' in outcome ? outcome.lead.id : undefined);

t.test('the same credit code, or the same normalised company with the same phone, links to the open lead', async (t) => {
  const { db } = await testDatabase(t);
  const [byCode, byCompany] = await save(db, [
    lead({ name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' }),
    lead({ name: '蘇州雲端軟體（股份）有限公司' }, '13900001111'),
  ]);
  t.match([byCode, byCompany], [{ kind: 'created' }, { kind: 'created' }]);

  const outcomes = await save(db, [
    lead({ name: '另一个名字', creditCode: '9144030071526726XG' }, '13700000000'),
    lead({ name: '苏州 云端软件(股份)有限公司' }, '139 0000 1111'),
    lead({ name: 'ＳＵＺＨＯＵ' }, '13900001111', { ownerKey: 'key_other' }),
    lead({ name: '苏州云端软件股份有限公司' }, '13900002222'),
  ]);
  t.match(outcomes, [
    { kind: 'linked', matchedBy: 'creditCode', lead: { id: idOf(byCode), contactPhone: '+8613812345678' } },
    { kind: 'linked', matchedBy: 'companyAndPhone', lead: { id: idOf(byCompany), contactName: '张伟' } },
    { kind: 'created' },
    { kind: 'created' },
  ]);
  t.notOk(outcomes[3]?.kind === 'linked', 'the same company with another phone is another lead');

  const count = await db.selectFrom('leads').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_key', '=', OWNER).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 3, 'a linked post writes nothing');
  const requests = await db.selectFrom('match_requests').select('lead_id').execute();
  t.equal(requests.length, 4, 'nor a match request');
});

t.test('another key never learns of the lead: its own post of the same company is created', async (t) => {
  const { db } = await testDatabase(t);
  const company = { name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' };
  const [mine, theirs] = await save(db, [lead(company), lead(company, '13812345678', { ownerKey: 'key_other' })]);
  t.match([mine, theirs], [{ kind: 'created' }, { kind: 'created' }]);
  t.not(idOf(mine), idOf(theirs));
});

t.test('closed and erased leads do not count: a new lead of the company is created', async (t) => {
  const { db } = await testDatabase(t);
  const company = { name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' };
  const [first] = await save(db, [lead(company)]);
  await closeLead(db, idOf(first)!, { ownerKey: OWNER }, { outcome: 'lost', note: null }, personalData);
  const [second] = await save(db, [lead(company)]);
  t.match(second, { kind: 'created' }, 'after closing');
  await eraseLead(db, idOf(second)!, { ownerKey: OWNER });
  const [third] = await save(db, [lead(company)]);
  t.match(third, { kind: 'created' }, 'after erasing');
});

t.test('a repeated externalId still updates its lead, even though its company matches', async (t) => {
  const { db } = await testDatabase(t);
  const company = { name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' };
  const [created] = await save(db, [lead(company, '13812345678', { externalId: 'X-1' })]);
  const [again] = await save(db, [lead(company, '13812345678', { externalId: 'X-1' })]);
  t.match(again, { kind: 'updated', lead: { id: idOf(created) } });
});

t.test('duplicates inside one batch: the first is created, the rest are linked to it', async (t) => {
  const { db } = await testDatabase(t);
  const company = { name: '苏州示例生物科技有限公司', creditCode: '9144030071526726XG' };
  const outcomes = await save(db, [lead(company), lead(company, '13700000000'), lead({ name: company.name })]);
  t.match(outcomes, [{ kind: 'created' }, { kind: 'linked', matchedBy: 'creditCode' }, { kind: 'linked', matchedBy: 'companyAndPhone' }]);
  t.same(new Set(outcomes.map(idOf)).size, 1);
});

t.test('concurrent batches of one company leave exactly one lead, each caller answered with it', async (t) => {
  const { db } = await testDatabase(t);
  const company = { name: '苏州并发科技有限公司', creditCode: '91310000MA1FL8XQ30' };
  const outcomes = (await Promise.all(Array.from({ length: 12 }, () => save(db, [lead(company)])))).flat();
  t.equal(outcomes.filter((outcome) => outcome.kind === 'created').length, 1);
  t.equal(outcomes.filter((outcome) => outcome.kind === 'linked').length, 11);
  t.equal(new Set(outcomes.map(idOf)).size, 1, 'every answer names the one lead');
  const rows = await db.selectFrom('leads').select('id').where('owner_key', '=', OWNER).execute();
  t.equal(rows.length, 1);
});

t.test('an update that would duplicate another open lead is refused by the unique index', async (t) => {
  const { db } = await testDatabase(t);
  await save(db, [lead({ name: '甲公司', creditCode: '9144030071526726XG' }), lead({ name: '乙公司' }, '13812345678', { externalId: 'Y-1' })]);
  await t.rejects(save(db, [lead({ name: '乙公司', creditCode: '9144030071526726XG' }, '13812345678', { externalId: 'Y-1' })]), {
    code: '23505',
    constraint: 'leads_open_credit_code_key',
  });
});
