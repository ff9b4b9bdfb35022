import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldError, SourceRef } from '@leadmatch/domain';
import type { CatalogState } from './integrity.ts';

/** The capture of article 001 puts pinyin in brackets after some characters: 產(chǎn)業(yè). */
const PINYIN_ANNOTATION = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɡ]+\)/g;

export function normalizeForQuote(text: string): string {
  return text.normalize('NFKC').replace(PINYIN_ANNOTATION, '').replace(/\s+/g, '');
}

/** Reads `NNN_*.txt` articles as sources `src-NNN`, normalised for quote look-ups. */
export async function readSourceArticles(dir: string): Promise<Map<string, string>> {
  const articles = new Map<string, string>();
  for (const file of (await readdir(dir)).filter((name) => /^\d{3}_.*\.txt$/.test(name))) {
    articles.set(`src-${file.slice(0, 3)}`, normalizeForQuote(await readFile(join(dir, file), 'utf8')));
  }
  return articles;
}

function* evidenceIn(value: unknown, path: string): Generator<[string, SourceRef]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* evidenceIn(item, `${path}/${i}`);
  } else if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 2 && 'source' in value && 'locator' in value) yield [path, value as SourceRef];
    else for (const key of keys) yield* evidenceIn((value as Record<string, unknown>)[key], `${path}/${key}`);
  }
}

/** Every evidence phrase that does not occur in the article it cites. */
export function unquotedEvidence(state: Partial<CatalogState>, articles: Map<string, string>): FieldError[] {
  return [...evidenceIn(state, '')].flatMap(([pointer, ref]) => {
    const article = articles.get(ref.source);
    if (!article) return [];
    return article.includes(normalizeForQuote(ref.locator))
      ? []
      : [{ pointer, location: 'catalog', message: `"${ref.locator}" does not occur in ${ref.source}` }];
  });
}

/** Every fact-bearing document of the catalog, for checking that none lacks evidence. */
export function documentsWithoutEvidence(state: CatalogState): string[] {
  const lacking: string[] = [];
  state.parks.forEach((park) => park.sources.length === 0 && lacking.push(`/parks/${park.id}/sources`));
  for (const entity of ['clusterFacts', 'carriers', 'policies', 'platforms'] as const) {
    for (const doc of state[entity]) if (!doc.evidence?.source || !doc.evidence.locator) lacking.push(`/${entity}/${doc.id}`);
  }
  return lacking;
}
