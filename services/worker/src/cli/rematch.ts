import { CatalogCache, openReadyDatabase } from '@leadmatch/catalog';
import { loadConfigOrExit } from '@leadmatch/config';
import { requestMatches } from '@leadmatch/db';
import { MATCH_PAGE_SIZE } from '@leadmatch/jobs';
import { SingleBar, Presets } from 'cli-progress';
import { openLeadPages } from '../matching/rematch.ts';
import { runMatchRequests } from '../matching/run-match-requests.ts';

/**
 * `npm run rematch`: re-matches every open lead now, in this process, with a progress bar; requests
 * are matched in batches, one transaction each. With the embedded database, stop the server first:
 * only one process may open it.
 */
const config = loadConfigOrExit();
const database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const catalogs = new CatalogCache(database.db);
try {
  const { count } = await database.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();
  const bar = new SingleBar({ format: 're-matching |{bar}| {value}/{total} leads · {eta_formatted} left' }, Presets.shades_classic);
  bar.start(Number(count), 0);
  const outcomes = { matched: 0, skipped: 0, 'already-done': 0 };
  const started = performance.now();
  for await (const page of openLeadPages(database.db)) {
    const requestIds = await requestMatches(database.db, page, 'manual');
    for (let start = 0; start < requestIds.length; start += MATCH_PAGE_SIZE) {
      const batch = requestIds.slice(start, start + MATCH_PAGE_SIZE);
      for (const outcome of (await runMatchRequests(database.db, catalogs, batch, new Date())).values()) outcomes[outcome]++;
      bar.increment(batch.length);
    }
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(`re-matched ${outcomes.matched} leads in ${seconds.toFixed(1)} s (${outcomes.skipped} skipped)`);
} finally {
  await database.close();
}
