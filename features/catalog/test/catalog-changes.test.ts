import t from 'tap';
import { testDatabase } from '@leadmatch/testing';
import { recordCatalogChanges, type CatalogChange } from '../src/store/repository.ts';

t.test('one edit may record more change rows than a statement has parameters for', async (t) => {
  const { db } = await testDatabase(t);
  const changes: CatalogChange[] = Array.from({ length: 12_000 }, (_, i) => ({
    action: 'create',
    entity: 'carriers',
    entityId: `carrier-${i}`,
    parkIds: [`park-${i % 50}`],
  }));
  const version = await db.transaction().execute((trx) => recordCatalogChanges(trx, 'test', changes));
  const { count } = await db
    .selectFrom('catalog_changes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  t.equal(Number(count), 12_000, 'every change row of the edit is recorded under its one version');
});
