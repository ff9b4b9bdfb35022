import type { Industry } from '@leadmatch/domain';
import t from 'tap';
import { Taxonomy, loadTaxonomy } from '../src/index.ts';

const taxonomy = loadTaxonomy();

function industry(code: string, parent: string | null, related: string[] = []): Industry {
  return { code, parent, name: { zhHans: code, zhHant: code, en: code }, synonyms: { zh: [], en: [] }, related };
}

t.test('loads seeds/industries.json', async (t) => {
  t.ok(taxonomy.all().length >= 40);
  t.equal(taxonomy.get('medical-devices')?.name.zhHans, '医疗器械');
  t.ok(taxonomy.has('ic-design'));
  t.notOk(taxonomy.has('no-such-industry'));
  t.equal(taxonomy.get('no-such-industry'), undefined);
});

t.test('walks the tree', async (t) => {
  t.equal(taxonomy.parentOf('biomed'), null);
  t.equal(taxonomy.parentOf('ic-design'), 'integrated-circuits');
  t.same(taxonomy.ancestors('ic-design'), ['integrated-circuits', 'semiconductors', 'ngit']);
  t.same(taxonomy.childrenOf('integrated-circuits'), ['ic-design', 'ic-manufacturing', 'ic-packaging']);
  t.same(taxonomy.descendants('semiconductors'), [
    'integrated-circuits',
    'ic-design',
    'ic-manufacturing',
    'ic-packaging',
    'third-gen-semiconductors',
  ]);
  t.same(taxonomy.childrenOf('acoustics'), []);
  t.same(taxonomy.related('biomed'), ['health', 'marine-biology'], 'links declared by either side');
  t.throws(() => taxonomy.ancestors('no-such-industry'), /Unknown industry code: no-such-industry/);
});

t.test('relation(a, b) says how b stands to a', async (t) => {
  t.equal(taxonomy.relation('biomed', 'biomed'), 'exact');
  t.equal(taxonomy.relation('ic-design', 'integrated-circuits'), 'parent');
  t.equal(taxonomy.relation('ic-design', 'ngit'), 'parent', 'any ancestor');
  t.equal(taxonomy.relation('semiconductors', 'ic-design'), 'child', 'any descendant');
  t.equal(taxonomy.relation('medical-devices', 'diagnostics'), 'child', 'IVD is regulated as a medical device');
  t.equal(taxonomy.relation('biomed', 'health'), 'related', 'declared link');
  t.equal(taxonomy.relation('health', 'biologics'), 'related', "link to biologics' ancestor biomed");
  t.equal(taxonomy.relation('ic-design', 'nanotech'), 'related', "nanotech linked to ic-design's ancestor");
  t.equal(taxonomy.relation('biologics', 'marine-biology'), 'related', 'link declared by the other side');
  t.equal(taxonomy.relation('biologics', 'medical-devices'), null, 'siblings are not related unless linked');
  t.equal(taxonomy.relation('acoustics', 'finance'), null);
  t.throws(() => taxonomy.relation('biomed', 'nope'), /Unknown industry code: nope/);
});

t.test('refuses an inconsistent taxonomy, naming the code', async (t) => {
  t.throws(() => new Taxonomy([industry('a', null), industry('a', null)]), /Duplicate industry code: a/);
  t.throws(() => new Taxonomy([industry('a', 'ghost')]), /Industry a has unknown parent: ghost/);
  t.throws(() => new Taxonomy([industry('a', null, ['ghost'])]), /Industry a is related to unknown code: ghost/);
  t.throws(() => new Taxonomy([industry('a', 'b'), industry('b', 'c'), industry('c', 'a')]), /Parent cycle at industry a/);
  t.throws(() => new Taxonomy([industry('a', 'a')]), /Parent cycle at industry a/);
});

t.test('loadTaxonomy refuses a file without industries', async (t) => {
  const dir = t.testdir({ 'empty.json': '{"parks": []}' });
  t.throws(() => loadTaxonomy(`${dir}/empty.json`), /has no "industries" array/);
});
