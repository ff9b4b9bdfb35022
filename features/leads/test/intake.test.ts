import { randomUUID } from 'node:crypto';
import t from 'tap';
import { personalDataFor } from '@leadmatch/db';
import { normalizeLeadInput } from '@leadmatch/domain';
import { testDatabase } from '@leadmatch/testing';
import { eraseLead } from '../src/erasure-repository.ts';
import { saveLeadsWithMatchRequests, type LeadToSave } from '../src/intake-repository.ts';

const OWNER = 'key_intake';
const personalData = personalDataFor(Buffer.alloc(32, 'intake-test-key'));
const needs = normalizeLeadInput({
  company: { name: '苏州示例生物科技有限公司' },
  contact: { name: '张伟', phone: '13812345678' },
  industry: '抗体药物研发',
  uses: ['rnd'],
});

/** Each a different company unless told otherwise, so dedup links none of them. */
const lead = (overrides: Partial<LeadToSave> = {}): LeadToSave => ({
  newId: randomUUID(),
  ownerKey: OWNER,
  externalId: null,
  needs: { ...needs, companyName: `示例公司 ${randomUUID()}` },
  idempotency: null,
  ...overrides,
});
const responseOf = (saved: { kind: string; lead: { id: string } }) => ({ statusCode: saved.kind === 'created' ? 201 : 200, body: { id: saved.lead.id } });
const key = (name: string) => ({ key: name, requestHash: `hash-${name}` });

t.test('one batch saves, updates, refuses erased leads and replays claimed keys, each with its own outcome', async (t) => {
  const { db } = await testDatabase(t);
  const [existing, toErase, claimedBefore] = await saveLeadsWithMatchRequests(
    db,
    [lead({ externalId: 'E-1' }), lead({ externalId: 'E-2' }), lead({ idempotency: key('k-1') })],
    responseOf,
    personalData,
  );
  t.match([existing, toErase, claimedBefore], [{ kind: 'created' }, { kind: 'created' }, { kind: 'created' }]);
  if (toErase?.kind !== 'created') return;
  await eraseLead(db, toErase.lead.id, { ownerKey: OWNER });

  const batch = [
    lead(),
    lead({ externalId: 'E-1' }),
    lead({ externalId: 'E-2', idempotency: key('k-2') }),
    lead({ idempotency: key('k-1') }),
    lead({ idempotency: key('k-3') }),
  ];
  const outcomes = await saveLeadsWithMatchRequests(db, batch, responseOf, personalData);
  t.same(
    outcomes.map((outcome) => outcome.kind),
    ['created', 'updated', 'erased', 'claimed-before', 'created'],
  );
  const [fresh, updated, , replay, keyed] = outcomes;
  if (fresh?.kind !== 'created' || updated?.kind !== 'updated' || replay?.kind !== 'claimed-before' || keyed?.kind !== 'created') return;
  t.equal(fresh.lead.id, batch[0]!.newId, 'a new lead gets the id it was given');
  t.equal(existing?.kind === 'created' && existing.lead.id, updated.lead.id, 'a repeated external id updates the stored lead');
  t.match(replay.stored, { requestHash: 'hash-k-1', statusCode: 201, leadId: claimedBefore?.kind === 'created' ? claimedBefore.lead.id : '' });

  const requests = await db
    .selectFrom('match_requests')
    .select(['id', 'lead_id', 'reason'])
    .where('id', 'in', [fresh.matchRequestId, updated.matchRequestId, keyed.matchRequestId])
    .execute();
  t.same(
    requests.map((request) => `${request.lead_id}:${request.reason}`).sort(),
    [`${fresh.lead.id}:created`, `${updated.lead.id}:updated`, `${keyed.lead.id}:created`].sort(),
    'each saved lead has its match request, written with it',
  );

  const keys = await db.selectFrom('idempotency_keys').select(['key', 'status_code', 'lead_id']).where('owner_key', '=', OWNER).orderBy('key').execute();
  t.same(
    keys.map((row) => row.key),
    ['k-1', 'k-3'],
    "an erased lead's key is released, so the request can be retried once the CRM fixes it",
  );
  t.match(keys[1], { status_code: 201, lead_id: keyed.lead.id });
});

t.test('a failed batch writes nothing', async (t) => {
  const { db } = await testDatabase(t);
  const bad = lead({ needs: { ...needs, uses: [] }, newId: 'not-a-uuid' });
  await t.rejects(saveLeadsWithMatchRequests(db, [lead({ externalId: 'F-1' }), bad], responseOf, personalData));
  const rows = await db.selectFrom('leads').select('id').where('owner_key', '=', OWNER).execute();
  t.same(rows, []);
});
