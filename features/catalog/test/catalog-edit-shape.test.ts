import t from 'tap';
import { DomainError, type CatalogDocument } from '@leadmatch/domain';
import { testDatabase } from '@leadmatch/testing';
import { applyCatalogEdit } from '../src/index.ts';
import { readCatalog } from '../src/store/repository.ts';

const { db } = await testDatabase(t);

t.test('a document whose sections are not lists is refused with its problems, never a crash', async (t) => {
  const before = await readCatalog(db);
  for (const upsert of [{ parks: null }, { parks: 'not a list' }, { carriers: [null] }]) {
    const error = await applyCatalogEdit(db, 'test', { upsert: upsert as unknown as CatalogDocument }).catch((caught: unknown) => caught);
    t.type(error, DomainError, `${JSON.stringify(upsert)} is a domain error`);
    t.ok((error as DomainError).errors?.length, 'naming what is wrong');
  }
  t.equal((await readCatalog(db)).version, before.version, 'nothing was written');
});
