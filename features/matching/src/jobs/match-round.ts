import type { LoadedCatalog } from '@leadmatch/catalog';
import { isGbtCode } from '@leadmatch/catalog-core';
import { type Executor } from '@leadmatch/db';
import type { LeadRecord } from '@leadmatch/domain';
import type { JobLog } from '@leadmatch/jobs';
import { completeRequests, type MatchRequest, type NewLeadEvent, recordLeadEvents } from '@leadmatch/leads';
import { matchLead, suggestionChanges, type SuggestionChanges, toMatchLead } from '@leadmatch/matcher';
import type { MatchResult } from '@leadmatch/matcher';
import { insertRuns, latestRunOutlines, retireLatestRuns, setLeadsIndustryCodes, setLeadsStatus, type NewRun, type RunOutline } from '../repository.ts';
import type { RunListener, RunsHandled } from './run-listener.ts';

/** Takes the seconds each lead spent in the matcher (the worker's `leadmatch_match_duration_seconds`). */
export interface MatchTimings {
  observe(seconds: number): void;
}

/** A locked, open request and its lead (not erased). */
export interface RequestToMatch {
  request: MatchRequest;
  lead: LeadRecord;
}

/** What a round keeps of one match once its result is stored: the run's facts (with the outline the rules read). */
interface Matched extends RequestToMatch {
  run: Omit<NewRun, 'resultJson'>;
  previous: RunOutline | null;
  changes: SuggestionChanges | null;
}

/**
 * Runs are inserted a few at a time, right after they are matched: a result's JSON then dies young,
 * instead of outliving a whole round in the old generation (the heap, and the RSS, would grow with it).
 */
const RUNS_PER_INSERT = 10;

/** suggestionChanges reads only the park and carrier ids of the previous run, which its outline holds. */
function changesSince(previous: RunOutline | null, result: MatchResult): SuggestionChanges | null {
  return suggestionChanges(previous as MatchResult | null, result);
}

function outlineOf(result: MatchResult): RunOutline {
  return {
    hasStrongFit: result.hasStrongFit,
    suggestions: result.suggestions.map((s) => ({ park: { id: s.park.id }, fit: s.fit, carriers: s.carriers.map((c) => ({ id: c.id })) })),
  };
}

/** Matches one lead; the result is serialised at once, so only its JSON and outline outlive this call. */
function match(
  catalog: LoadedCatalog,
  { request, lead }: RequestToMatch,
  previous: RunOutline | null,
  now: Date,
  timings: MatchTimings | undefined,
): { matched: Matched; resultJson: string } {
  const started = performance.now();
  const result = matchLead(toMatchLead(lead, catalog.classifier.classify), catalog, { now });
  timings?.observe((performance.now() - started) / 1000);
  const changes = changesSince(previous, result);
  const run = {
    leadId: lead.id,
    requestId: request.id,
    rulesVersion: result.rulesVersion,
    catalogVersion: result.catalogVersion,
    industryCodes: result.industryCodes.map((code) => code.code),
    suggestedParkIds: result.suggestions.map((suggestion) => suggestion.park.id),
    outline: outlineOf(result),
    changes,
  };
  return { matched: { request, lead, run, previous, changes }, resultJson: JSON.stringify(result) };
}

/**
 * Matches requests of distinct leads and writes, with multi-row statements in the caller's
 * transaction, each lead's run (compared with its previous one), status, the requests' completion,
 * what the listener writes (the follow-up tasks) and the lead events. Events go last, just before the commit.
 */
export async function matchRound(
  trx: Executor,
  catalog: LoadedCatalog,
  round: RequestToMatch[],
  now: Date,
  listener: RunListener,
  log: JobLog,
  timings?: MatchTimings,
): Promise<RunsHandled> {
  const leadIds = round.map(({ lead }) => lead.id);
  const previous = await latestRunOutlines(trx, leadIds);
  await retireLatestRuns(trx, [...previous.keys()]);
  const matched: Matched[] = [];
  const runIds: string[] = [];
  for (let start = 0; start < round.length; start += RUNS_PER_INSERT) {
    const chunk = round.slice(start, start + RUNS_PER_INSERT).map((item) => match(catalog, item, previous.get(item.lead.id) ?? null, now, timings));
    runIds.push(...(await insertRuns(trx, chunk.map(({ matched, resultJson }) => ({ ...matched.run, resultJson })))));
    matched.push(...chunk.map((item) => item.matched));
  }
  await setLeadsStatus(trx, leadIds, 'matched', null);
  await setLeadsIndustryCodes(trx, new Map(matched.map(({ lead, run }) => [lead.id, run.industryCodes.filter(isGbtCode)])));
  await completeRequests(trx, round.map(({ request }) => request.id), 'matched');
  const handled = await listener.onRuns(
    trx,
    matched.map(({ lead, run, previous, changes }, i) => ({ lead, runId: runIds[i]!, previous, result: run.outline, changes, now })),
    log,
  );
  await recordLeadEvents(trx, [...matched.flatMap((item, i) => runEvents(item, runIds[i]!)), ...handled.events]);
  return handled;
}

function runEvents({ request, lead, run, changes }: Matched, runId: string): NewLeadEvent[] {
  const data = { runId, reason: request.reason, hasStrongFit: run.outline.hasStrongFit, topParkIds: run.suggestedParkIds.slice(0, 3) };
  const matchedEvent = { leadId: lead.id, type: 'lead.matched', data };
  return changes ? [matchedEvent, { leadId: lead.id, type: 'lead.suggestions_changed', data: { runId, ...changes } }] : [matchedEvent];
}
