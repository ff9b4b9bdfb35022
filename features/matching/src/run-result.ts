import { documentsAsOf, type LoadedCatalog } from '@leadmatch/catalog';
import type { Taxonomy } from '@leadmatch/catalog-core';
import type { Executor } from '@leadmatch/db';
import { catalogLookup, referencedIds, renderMatch, type CatalogLookup, type MatchFacts, type MatchResult, type RenderOptions } from '@leadmatch/matcher';
import type { StoredRun } from './repository.ts';

/** The catalog version a run's words come from: the last one a re-match found it unchanged against, else its own. */
export function wordedAt(run: StoredRun): number {
  return run.checked?.catalogVersion ?? run.catalogVersion;
}

function byId<T>(docs: readonly T[], id: (doc: T) => string): (key: string) => T | undefined {
  const found = new Map(docs.map((doc) => [id(doc), doc]));
  return (key) => found.get(key);
}

/** The documents a run refers to as they were at a past catalog version; industry names come from the current taxonomy. */
async function lookupAsOf(db: Executor, version: number, facts: MatchFacts, taxonomy: Taxonomy): Promise<CatalogLookup> {
  const docs = await documentsAsOf(db, version, referencedIds(facts));
  const id = (doc: { id: string }) => doc.id;
  return {
    taxonomy,
    park: byId(docs.parks, id),
    carrier: byId(docs.carriers, id),
    policy: byId(docs.policies, id),
    platform: byId(docs.platforms, id),
    clusterFact: byId(docs.clusterFacts, id),
  };
}

/**
 * A stored run's result in words. Runs stored before facts were kept whole. Otherwise the facts are
 * worded with the catalog as it was at `wordedAt(run)`: the loaded catalog when that is its version,
 * else the documents the run refers to, read from the catalog's revisions.
 */
export async function runResult(db: Executor, catalog: LoadedCatalog, run: StoredRun, options: RenderOptions = {}): Promise<MatchResult> {
  if (!run.facts) return run.result!;
  const version = wordedAt(run);
  const lookup = version === catalog.index.version ? catalogLookup(catalog) : await lookupAsOf(db, version, run.facts, catalog.taxonomy);
  return renderMatch(run.facts, lookup, options);
}
