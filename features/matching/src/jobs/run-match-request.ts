import type { Kysely } from 'kysely';
import type { CatalogCache } from '@leadmatch/catalog';
import { type Database, type PersonalData } from '@leadmatch/db';
import type { JobLog } from '@leadmatch/jobs';
import { completeRequests, lockRequests } from '@leadmatch/leads';
import { setLeadsStatus } from '../repository.ts';
import type { RunListener } from './run-listener.ts';
import { runMatchRequests, type RequestOutcome } from './run-match-requests.ts';

/** Runs one match request: a batch of one (see runMatchRequests). */
export async function runMatchRequest(
  db: Kysely<Database>,
  catalogs: CatalogCache,
  personalData: PersonalData,
  requestId: string,
  now: Date,
  listener: RunListener,
  log: JobLog,
): Promise<RequestOutcome> {
  return (await runMatchRequests(db, catalogs, personalData, [requestId], now, listener, log)).get(requestId)!;
}

/** After the last attempt: the lead is marked failed, with the reason, and the request closed. */
export async function failMatchRequest(db: Kysely<Database>, requestId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [request] = await lockRequests(trx, [requestId]);
    if (!request || request.completedAt) return;
    await setLeadsStatus(trx, [request.leadId], 'failed', reason.slice(0, 500));
    await completeRequests(trx, [requestId], 'failed');
  });
}
