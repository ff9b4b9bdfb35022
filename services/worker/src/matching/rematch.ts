import type { CatalogCache } from '@leadmatch/catalog';
import {
  catalogVersionSeen,
  listCatalogChanges,
  leadsTouching,
  markCatalogVersionSeen,
  openLeadIds,
  requestMatches,
  type Database,
  type MatchReason,
} from '@leadmatch/db';
import { dispatchMatchRequests, type JobLog, type JobQueue } from '@leadmatch/jobs';
import { sql, type Kysely } from 'kysely';

const PAGE = 1000;

export interface RematchDeps {
  db: Kysely<Database>;
  queue: JobQueue;
  log: JobLog;
}

/** Requests and enqueues a match for each lead, a page at a time; returns how many. */
export async function requestAndDispatch(deps: RematchDeps, leadIds: string[], reason: MatchReason): Promise<number> {
  for (let start = 0; start < leadIds.length; start += PAGE) {
    const requestIds = await requestMatches(deps.db, leadIds.slice(start, start + PAGE), reason);
    await dispatchMatchRequests(deps.queue, deps.db, requestIds, deps.log);
  }
  return leadIds.length;
}

/** Every open (not erased) lead, in pages. */
export async function* openLeadPages(db: Kysely<Database>): AsyncGenerator<string[]> {
  let after: string | null = null;
  for (;;) {
    const page = await openLeadIds(db, after, PAGE);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!;
  }
}

export async function rematchOpenLeads(deps: RematchDeps): Promise<number> {
  let total = 0;
  for await (const page of openLeadPages(deps.db)) total += await requestAndDispatch(deps, page, 'scheduled');
  deps.log.info({ leads: total }, 'requested a re-match of every open lead');
  return total;
}

/**
 * Re-matches the leads that catalog changes since the last pass can affect, once the changes have
 * been quiet for `quietMs` (or have waited `maxDelayMs`), so a burst of edits costs one pass.
 */
export async function rematchAfterCatalogChanges(
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

  const reachesAnyPark = changes.some((change) => change.parkIds.length === 0);
  let leadIds: string[];
  if (reachesAnyPark) {
    leadIds = [];
    for await (const page of openLeadPages(deps.db)) leadIds.push(...page);
  } else {
    const parkIds = [...new Set(changes.flatMap((change) => change.parkIds))];
    const { index } = await deps.catalogs.current();
    const codes = [...new Set(parkIds.flatMap((id) => index.parks.get(id)?.industries.map((industry) => industry.code) ?? []))];
    leadIds = await leadsTouching(deps.db, parkIds, codes);
  }
  await requestAndDispatch(deps, leadIds, 'catalog');
  await markCatalogVersionSeen(deps.db, Math.max(...changes.map((change) => change.version)));
  deps.log.info({ leads: leadIds.length, catalogChanges: changes.length }, 're-matching the leads catalog changes can affect');
  return leadIds.length;
}
