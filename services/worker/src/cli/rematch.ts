import pino from 'pino';
import { openReadyDatabase } from '@leadmatch/bootstrap';
import { CatalogCache } from '@leadmatch/catalog';
import { loadConfigOrExit } from '@leadmatch/config';
import { personalDataFor } from '@leadmatch/db';
import { logOptions } from '@leadmatch/domain';
import { followUpRunListener } from '@leadmatch/followups';
import { MATCH_PAGE_SIZE, requestMatches } from '@leadmatch/leads';
import { openLeadPages, runMatchRequests } from '@leadmatch/matching';
import { phase, progressBar, summary } from '@leadmatch/progress';

/**
 * `npm run rematch`: re-matches every open lead now, in this process, with a progress bar and a
 * closing summary; requests are matched in batches, one transaction each. With the embedded
 * database, stop the server first: only one process may open it.
 */
const config = loadConfigOrExit();
phase('opening the database');
const personalData = personalDataFor(config.piiKey);
const log = pino(logOptions({ logLevel: 'warn', logFormat: config.logFormat }));
const database = await openReadyDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, personalData });
const catalogs = new CatalogCache(database.db);
const followUps = followUpRunListener();
try {
  const { count } = await database.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();
  const { snapshot } = await catalogs.current();
  const bar = progressBar('re-matching', Number(count), 'leads');
  const outcomes = { matched: 0, skipped: 0, 'already-done': 0 };
  try {
    for await (const page of openLeadPages(database.db)) {
      const requestIds = await requestMatches(database.db, page, 'manual');
      for (let start = 0; start < requestIds.length; start += MATCH_PAGE_SIZE) {
        const batch = requestIds.slice(start, start + MATCH_PAGE_SIZE);
        for (const outcome of (await runMatchRequests(database.db, catalogs, personalData, batch, new Date(), followUps, log)).values()) outcomes[outcome]++;
        bar.update(outcomes.matched + outcomes.skipped + outcomes['already-done']);
      }
    }
  } finally {
    bar.stop();
  }
  summary(`re-matched ${outcomes.matched} leads`, [
    ['matched', outcomes.matched, 'leads'],
    ['skipped', outcomes.skipped, 'erased or gone meanwhile'],
    ['already done', outcomes['already-done'], 'by another process'],
    ['catalog version', snapshot.version],
  ]);
} finally {
  await database.close();
}
