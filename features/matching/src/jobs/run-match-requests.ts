import type { Kysely } from 'kysely';
import type { CatalogCache } from '@leadmatch/catalog';
import { type Database, type PersonalData } from '@leadmatch/db';
import type { JobLog } from '@leadmatch/jobs';
import { completeRequests, lockRequests, type MatchRequest } from '@leadmatch/leads';
import { lockLeads } from '../repository.ts';
import { matchRound, type MatchTimings, type RequestToMatch } from './match-round.ts';
import type { RunListener, RunsHandled } from './run-listener.ts';

export type RequestOutcome = 'matched' | 'skipped' | 'already-done';

/**
 * Runs match requests together, in one transaction: each request's run, its lead's status, the
 * request's completion, the follow-up tasks and the lead events commit together, written with
 * multi-row statements. The request rows are locked, so a repeated job (a retry, a sweep) finds its
 * request done; so are their leads, so batches with requests of one lead record its runs one after
 * the other; a request whose lead is gone or erased is closed as skipped. The listener's writes
 * (the follow-up tasks) commit with the runs, and its after-commit work runs once they have.
 * Answers each request's outcome; throws when the batch fails.
 */
export async function runMatchRequests(
  db: Kysely<Database>,
  catalogs: CatalogCache,
  personalData: PersonalData,
  requestIds: string[],
  now: Date,
  listener: RunListener,
  log: JobLog,
  timings?: MatchTimings,
): Promise<Map<string, RequestOutcome>> {
  const catalog = await catalogs.current();
  const outcomes = new Map<string, RequestOutcome>(requestIds.map((id) => [id, 'already-done']));
  const handled: RunsHandled[] = [];
  await db.transaction().execute(async (trx) => {
    const open = (await lockRequests(trx, requestIds)).filter((request) => !request.completedAt);
    const leads = new Map((await lockLeads(trx, [...new Set(open.map((request) => request.leadId))], personalData)).map((lead) => [lead.id, lead]));
    const toMatch: RequestToMatch[] = [];
    const skipped: string[] = [];
    for (const request of open) {
      const lead = leads.get(request.leadId);
      if (lead && !lead.erasedAt) toMatch.push({ request, lead });
      else skipped.push(request.id);
    }
    await completeRequests(trx, skipped, 'skipped');
    for (const id of skipped) outcomes.set(id, 'skipped');
    for (const round of rounds(toMatch)) {
      handled.push(await matchRound(trx, catalog, round, now, listener, log, timings));
      for (const { request } of round) outcomes.set(request.id, 'matched');
    }
  });
  for (const { afterCommit } of handled) await afterCommit();
  return outcomes;
}

/**
 * Splits requests into rounds of distinct leads, oldest request first, so that a lead asked twice
 * is matched twice in order, its second run compared with its first, as one job after another would.
 */
function rounds(requests: RequestToMatch[]): RequestToMatch[][] {
  const byAge = [...requests].sort((a, b) => byRequestedAt(a.request, b.request));
  const result: RequestToMatch[][] = [];
  const seen = new Map<string, number>();
  for (const item of byAge) {
    const round = seen.get(item.lead.id) ?? 0;
    seen.set(item.lead.id, round + 1);
    (result[round] ??= []).push(item);
  }
  return result;
}

const byRequestedAt = (a: MatchRequest, b: MatchRequest) => a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : 1);
