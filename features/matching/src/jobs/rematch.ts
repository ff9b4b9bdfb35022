import { sql, type Kysely } from 'kysely';
import type { CatalogCache } from '@leadmatch/catalog';
import { listCatalogChanges } from '@leadmatch/catalog';
import { type Database } from '@leadmatch/db';
import { type JobLog, type JobQueue } from '@leadmatch/jobs';
import { dispatchMatchRequestPages, type MatchReason, requestMatches } from '@leadmatch/leads';
import { catalogVersionSeen, leadsTouching, markCatalogVersionSeen, openLeadIds } from '../repository.ts';

/** Leads read, requested and enqueued at a time: a re-match never holds more lead ids than this. */
export const LEAD_PAGE_SIZE = 1000;

export interface RematchDeps {
  db: Kysely<Database>;
  queue: JobQueue;
  log: JobLog;
  /** Defaults to LEAD_PAGE_SIZE; tests page in smaller steps. */
  pageSize?: number | undefined;
}

/** Pages of lead ids in id order, each read after the last id of the one before. */
async function* pagesOf(read: (afterId: string | null, limit: number) => Promise<string[]>, pageSize: number): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const page = await read(after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!;
  }
}

/** Every open (not erased) lead, in pages. */
export function openLeadPages(db: Kysely<Database>, pageSize = LEAD_PAGE_SIZE): AsyncGenerator<string[]> {
  return pagesOf((after, limit) => openLeadIds(db, after, limit), pageSize);
}

/**
 * Requests and enqueues a match for every lead of the pages, one page at a time (its requests
 * matched in pages of jobs, one transaction each); returns how many.
 */
async function requestAndDispatch(deps: RematchDeps, pages: AsyncIterable<string[]>, reason: MatchReason): Promise<number> {
  let total = 0;
  for await (const leadIds of pages) {
    const requestIds = await requestMatches(deps.db, leadIds, reason);
    await dispatchMatchRequestPages(deps.queue, deps.db, requestIds, deps.log);
    total += leadIds.length;
  }
  return total;
}

export async function requestRematchOfOpenLeads(deps: RematchDeps): Promise<number> {
  const total = await requestAndDispatch(deps, openLeadPages(deps.db, deps.pageSize), 'scheduled');
  deps.log.info({ leads: total }, 'requested a re-match of every open lead');
  return total;
}

/**
 * Re-matches the leads that catalog changes since the last pass can affect, once the changes have
 * been quiet for `quietMs` (or have waited `maxDelayMs`), so a burst of edits costs one pass.
 */
export async function requestRematchAfterCatalogChanges(
  deps: RematchDeps & { catalogs: CatalogCache },
  timing: { quietMs: number; maxDelayMs: number },
): Promise<number | 'waiting' | 'nothing'> {
  const seen = await catalogVersionSeen(deps.db);
  const changes = await listCatalogChanges(deps.db, seen, 100_000);
  if (changes.length === 0) return 'nothing';
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(deps.db);
  const now = new Date(rows[0]!.now).getTime();
  const newest = Math.max(...changes.map((change) => change.at.getTime()));
  const oldest = Math.min(...changes.map((change) => change.at.getTime()));
  if (now - newest < timing.quietMs && now - oldest < timing.maxDelayMs) return 'waiting';

  const pageSize = deps.pageSize ?? LEAD_PAGE_SIZE;
  const reachesAnyPark = changes.some((change) => change.parkIds.length === 0);
  let pages: AsyncGenerator<string[]>;
  if (reachesAnyPark) pages = openLeadPages(deps.db, pageSize);
  else {
    const parkIds = [...new Set(changes.flatMap((change) => change.parkIds))];
    const { index } = await deps.catalogs.current();
    const industryCodes = [...new Set(parkIds.flatMap((id) => index.parks.get(id)?.industries.map((industry) => industry.code) ?? []))];
    pages = pagesOf((after, limit) => leadsTouching(deps.db, { parkIds, industryCodes }, after, limit), pageSize);
  }
  const leads = await requestAndDispatch(deps, pages, 'catalog');
  await markCatalogVersionSeen(deps.db, Math.max(...changes.map((change) => change.version)));
  deps.log.info({ leads, catalogChanges: changes.length }, 're-matching the leads catalog changes can affect');
  return leads;
}
