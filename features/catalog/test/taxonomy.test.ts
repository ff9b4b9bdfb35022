import t from 'tap';
import { Taxonomy } from '@leadmatch/catalog-core';
import type { Industry } from '@leadmatch/domain';
import { loadSeedCatalog } from '../src/index.ts';

const { taxonomy } = await loadSeedCatalog();

function industry(code: string, parent: string | null, related: string[] = [], extra: Partial<Industry> = {}): Industry {
  return { code, parent, name: { zhHans: code, zhHant: code, en: code }, synonyms: { zh: [], en: [] }, related, ...extra };
}

t.test('loads the focus codes and the whole of GB/T 4754-2017 from seeds/', async (t) => {
  const standard = taxonomy.all().filter((entry) => entry.level !== undefined);
  const count = (level: string) => standard.filter((entry) => entry.level === level).length;
  t.same([count('section'), count('division'), count('group'), count('class')], [20, 97, 473, 1381]);
  t.equal(taxonomy.get('C3442')?.name.zhHans, '气体压缩机械制造');
  t.equal(taxonomy.get('C3442')?.name.zhHant, '氣體壓縮機械製造', 'Traditional names come from OpenCC');
  t.ok(standard.every((entry) => entry.name.en.trim() !== '' && entry.name.en !== entry.name.zhHans), 'every GB/T entry has an English name');
  t.same(taxonomy.ancestors('C3442'), ['C344', 'C34', 'C']);
  t.ok(taxonomy.isStandard('C34'));
  t.notOk(taxonomy.isStandard('biomed'));
  t.equal(taxonomy.displayName('C3442').zhHans, 'C3442 气体压缩机械制造');
  t.equal(taxonomy.displayName('biomed').zhHans, '生物医药');
  t.ok(taxonomy.all().filter((entry) => entry.level === undefined).length >= 40);
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
  t.throws(() => new Taxonomy([industry('a', null, ['ghost'])]), /Industry a refers to unknown code: ghost/);
  t.throws(() => new Taxonomy([industry('a', null, [], { gbt: ['C34'] })]), /Industry a refers to unknown code: C34/);
  t.throws(() => new Taxonomy([industry('a', 'b'), industry('b', 'c'), industry('c', 'a')]), /Parent cycle at industry a/);
  t.throws(() => new Taxonomy([industry('a', 'a')]), /Parent cycle at industry a/);
});

t.test('GB/T codes relate through the standard and through the focus codes that cover them', async (t) => {
  const small = new Taxonomy([
    industry('C', null, [], { level: 'section' }),
    industry('C34', 'C', [], { level: 'division' }),
    industry('C344', 'C34', [], { level: 'group' }),
    industry('C3441', 'C344', [], { level: 'class' }),
    industry('C3442', 'C344', [], { level: 'class' }),
    industry('C349', 'C34', [], { level: 'group' }),
    industry('C3491', 'C349', [], { level: 'class' }),
    industry('C38', 'C', [], { level: 'division' }),
    industry('C3841', 'C38', [], { level: 'class' }),
    industry('equipment', null, [], { gbt: ['C34'] }),
    industry('robots', 'equipment', ['ai'], { gbt: ['C3491'] }),
    industry('ai', null),
    industry('storage', null, [], { gbt: ['C3841'] }),
  ]);
  t.same(small.kinship('C3442', 'C3442'), { relation: 'exact', generations: 1 });
  t.same(small.kinship('C3442', 'C344'), { relation: 'parent', generations: 1 }, 'its group');
  t.same(small.kinship('C3442', 'C34'), { relation: 'parent', generations: 1 }, 'its division: one industry line');
  t.same(small.kinship('C34', 'C3442'), { relation: 'child', generations: 1 });
  t.same(small.kinship('C3442', 'C'), { relation: 'parent', generations: 2 }, 'its section is further');
  t.same(small.kinship('C3442', 'C3441'), { relation: 'related', generations: 1 }, 'same group');
  t.same(small.kinship('C3442', 'C3491'), { relation: 'related', generations: 1 }, 'same division');
  t.same(small.kinship('C3442', 'C3841'), { relation: null, generations: 1 }, 'only the section in common');
  t.same(small.focusOf('C3442'), ['equipment'], 'covered through its division');
  t.same(small.focusOf('C3491'), ['robots'], 'the narrowest focus that covers it');
  t.same(small.focusOf('C'), [], 'a section no focus covers');
  t.same(small.kinship('C3442', 'equipment'), { relation: 'parent', generations: 1 }, 'falls within the focus');
  t.same(small.kinship('C3491', 'equipment'), { relation: 'parent', generations: 2 }, "within the focus's child");
  t.same(small.kinship('C3491', 'ai'), { relation: 'related', generations: 1 }, 'through a declared link');
  t.same(small.kinship('equipment', 'C3442'), { relation: 'child', generations: 1 }, 'the other way round');
  t.same(small.kinship('C3841', 'equipment'), { relation: null, generations: 1 });
  t.equal(small.relation('C3442', 'equipment'), 'parent');
});

t.test('in the seed catalog, an air-compressor class falls within high-end equipment and textile dyeing within no focus', async (t) => {
  t.same(taxonomy.focusOf('C3442'), ['high-end-equipment']);
  t.equal(taxonomy.relation('C3442', 'high-end-equipment'), 'parent');
  t.same(taxonomy.focusOf('C1713'), []);
});
