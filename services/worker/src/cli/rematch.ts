import { CatalogCache, openReadyDatabase } from '@leadmatch/catalog';
import { loadConfigOrExit } from '@leadmatch/config';
import { requestMatches } from '@leadmatch/db';
import { SingleBar, Presets } from 'cli-progress';
import { openLeadPages } from '../matching/rematch.ts';
import { runMatchRequest } from '../matching/run-match-request.ts';

/**
 * `npm run rematch`: re-matches every open lead now, in this process, with a progress bar. With the
 * embedded database, stop the server first: only one process may open it.
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
    for (const requestId of await requestMatches(database.db, page, 'manual')) {
      outcomes[await runMatchRequest(database.db, catalogs, requestId, new Date())]++;
      bar.increment();
    }
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(`re-matched ${outcomes.matched} leads in ${seconds.toFixed(1)} s (${outcomes.skipped} skipped)`);
} finally {
  await database.close();
}
