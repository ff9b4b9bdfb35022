import type { LoadedCatalog } from '@leadmatch/catalog';
import { isGbtCode } from '@leadmatch/catalog-core';
import { type Executor } from '@leadmatch/db';
import type { LeadRecord } from '@leadmatch/domain';
import type { JobLog } from '@leadmatch/jobs';
import { completeRequests, type MatchRequest, type NewLeadEvent, recordLeadEvents } from '@leadmatch/leads';
import { matchFacts, RULES_VERSION, sameMatchAt, suggestionChanges, type MatchFacts, type SuggestionChanges, toMatchLead } from '@leadmatch/matcher';
import {
  insertRuns,
  latestRuns,
  markRunsChecked,
  retireLatestRuns,
  setLeadsIndustryCodes,
  setLeadsStatus,
  type LatestRun,
  type NewRun,
  type RunCheckToRecord,
  type RunOutline,
} from '../repository.ts';
import { factsDigest, inputDigest } from './same-facts.ts';
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

/** What a round keeps of one match once its run is stored: the run's facts (with the outline the rules read). */
interface Matched extends RequestToMatch {
  run: Omit<NewRun, 'factsJson'>;
  previous: RunOutline | null;
  changes: SuggestionChanges | null;
}

/** One match of a round: a new run to store, or the lead's latest run found to hold still. */
type Outcome = { matched: Matched; factsJson: string } | { unchanged: LatestRun; lead: LeadRecord; inputDigest: string };

/**
 * Runs are inserted a few at a time, right after they are matched: their facts then die young,
 * instead of outliving a whole round in the old generation (the heap, and the RSS, would grow with it).
 */
const RUNS_PER_INSERT = 10;

function outlineOf(facts: MatchFacts): RunOutline {
  return {
    hasStrongFit: facts.hasStrongFit,
    suggestions: facts.suggestions.map((s) => ({ park: { id: s.park }, fit: s.fit, carriers: s.carriers.map((id) => ({ id })) })),
  };
}

/** suggestionChanges reads only the park, fit and carrier ids of either run, which their outlines hold. */
function changesSince(previous: RunOutline | null, next: RunOutline): SuggestionChanges | null {
  return suggestionChanges(previous as never, next as never);
}

/**
 * The latest run's match took in the same lead, catalog and rules, at a time with the same policies in
 * force: matching again would find the same facts.
 */
function sameInput(latest: LatestRun, catalog: LoadedCatalog, digest: string, now: Date): boolean {
  return (
    latest.inputDigest === digest &&
    latest.catalogVersion === catalog.index.version &&
    latest.evaluatedAt !== null &&
    sameMatchAt(catalog, latest.evaluatedAt, now)
  );
}

/**
 * Matches one lead: a new run when its facts differ from its latest run's, else that run still holds;
 * not matched at all when nothing it depends on has changed since that run was last matched.
 */
function match(catalog: LoadedCatalog, { request, lead }: RequestToMatch, latest: LatestRun | undefined, now: Date, timings: MatchTimings | undefined): Outcome {
  const started = performance.now();
  const input = toMatchLead(lead, catalog.classifier.classify);
  const leadDigest = inputDigest(input, RULES_VERSION);
  if (latest && sameInput(latest, catalog, leadDigest, now)) return { unchanged: latest, lead, inputDigest: leadDigest };
  const facts = matchFacts(input, catalog, { now });
  timings?.observe((performance.now() - started) / 1000);
  const industryCodes = facts.industryCodes.map((code) => code.code);
  const digest = factsDigest(facts);
  if (latest?.factsDigest === digest) return { unchanged: latest, lead, inputDigest: leadDigest };
  const previous = latest?.outline ?? null;
  const outline = outlineOf(facts);
  const changes = changesSince(previous, outline);
  const run = {
    leadId: lead.id,
    requestId: request.id,
    rulesVersion: facts.rulesVersion,
    catalogVersion: facts.catalogVersion,
    industryCodes,
    suggestedParkIds: facts.suggestions.map((suggestion) => suggestion.park),
    outline,
    changes,
  };
  const stored = { ...run, factsDigest: digest, inputDigest: leadDigest, evaluatedAt: now };
  return { matched: { request, lead, run: stored, previous, changes }, factsJson: JSON.stringify(facts) };
}

/**
 * Matches requests of distinct leads and writes, with multi-row statements in the caller's
 * transaction, each lead's new run (compared with its previous one) or, when nothing changed, the
 * check of its latest run; the leads' status, the requests' completion, what the listener writes
 * (the follow-up tasks) and the lead events of the new runs. Events go last, just before the commit.
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
  const latest = await latestRuns(trx, leadIds);
  const matched: Matched[] = [];
  const runIds: string[] = [];
  const checks: RunCheckToRecord[] = [];
  const industryCodes = new Map<string, string[]>();
  for (let start = 0; start < round.length; start += RUNS_PER_INSERT) {
    const chunk = round.slice(start, start + RUNS_PER_INSERT).map((item) => match(catalog, item, latest.get(item.lead.id), now, timings));
    const fresh = chunk.filter((outcome) => 'matched' in outcome);
    await retireLatestRuns(trx, fresh.map(({ matched }) => matched.lead.id).filter((id) => latest.has(id)));
    runIds.push(...(await insertRuns(trx, fresh.map(({ matched, factsJson }) => ({ ...matched.run, factsJson })))));
    matched.push(...fresh.map((outcome) => outcome.matched));
    for (const outcome of chunk) {
      if ('unchanged' in outcome) checks.push({ runId: outcome.unchanged.id, inputDigest: outcome.inputDigest });
      else industryCodes.set(outcome.matched.lead.id, outcome.matched.run.industryCodes.filter(isGbtCode));
    }
  }
  await markRunsChecked(trx, checks, { catalogVersion: catalog.index.version, rulesVersion: RULES_VERSION, evaluatedAt: now });
  await setLeadsStatus(trx, leadIds, 'matched', null);
  await setLeadsIndustryCodes(trx, industryCodes);
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
