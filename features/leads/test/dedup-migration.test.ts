import t from 'tap';
import { migrateToLatest, migrator, openDatabase } from '@leadmatch/db';

t.test('the dedup migration links leads that already shared a credit code, instead of failing', async (t) => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  t.teardown(() => handle.close());
  const { error } = await (await migrator(handle.db)).migrateTo('2026-11-21T0900_match-run-storage');
  t.error(error);
  const lead = (owner: string, createdAt: string) => ({
    owner_key: owner,
    industry: '医疗器械',
    uses: ['production'],
    regions: [],
    policy_interests: [],
    credit_code: '9144030071526726XG',
    created_at: createdAt,
  });
  const rows = await handle.db
    .insertInto('leads')
    .values([lead('a', '2026-01-01T00:00:00Z'), lead('a', '2026-02-01T00:00:00Z'), lead('a', '2026-03-01T00:00:00Z'), lead('b', '2026-04-01T00:00:00Z')])
    .returning('id')
    .execute();

  t.ok((await migrateToLatest(handle.db)).every((result) => result.status === 'Success'));
  const linked = await handle.db.selectFrom('leads').select(['id', 'duplicate_of']).orderBy('created_at').execute();
  const [oldest, , , otherOwner] = rows.map((row) => row.id);
  t.same(
    linked.map((row) => row.duplicate_of),
    [null, oldest, oldest, null],
    'the younger duplicates point at the oldest lead; another owner keeps its own',
  );
  t.equal(otherOwner, linked[3]!.id);
});
