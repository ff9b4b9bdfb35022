/**
 * Follow-up rules: which tasks a match run creates, cancels or annotates. A pure function of the
 * lead's facts (its previous run), the match result, the suggestion changes and the priority; the
 * caller stores what it returns (see apply.ts). Every rule in one place:
 *
 * 1. call_back      — on a lead's first run: call the contact back.
 * 2. send_brochure  — on the first run, one per park of the top 3; later, one per park that entered
 *                     the top 3 (`changes.enteredTop3`).
 * 3. site_visit     — when the top suggestion is a `strong` fit, for that park, unless the previous
 *                     run already had the same park on top as a strong fit.
 * 4. review         — when no park is a strong fit, on the first run or when the previous run had
 *                     one; cancelled again when a strong fit appears.
 * 5. dropped parks  — open send_brochure and site_visit tasks of a park no longer suggested
 *                     (`changes.dropped`) are cancelled, with the reason in their history.
 * 6. carriers gone  — open send_brochure and site_visit tasks of the park get a history note naming
 *                     the carrier no longer suggested (`changes.carriersGone`).
 *
 * Every created task is due by the lead's priority (see priority.ts). An open task of the same kind
 * and park from an earlier run is updated rather than duplicated.
 */
import type { PriorityAssessment } from './priority.ts';

export type RuleTaskKind = 'call_back' | 'send_brochure' | 'site_visit' | 'review';
type Fit = 'strong' | 'partial' | 'weak';

export interface RuleResult {
  hasStrongFit: boolean;
  suggestions: readonly { park: { id: string }; fit: Fit }[];
}

export interface RuleChanges {
  enteredTop3: readonly string[];
  dropped: readonly string[];
  carriersGone: readonly { parkId: string; carrierId: string }[];
}

export interface RuleInput {
  /** The lead's previous run, or null on its first. */
  previous: RuleResult | null;
  result: RuleResult;
  changes: RuleChanges | null;
  priority: PriorityAssessment;
}

export interface TaskSpec {
  kind: RuleTaskKind;
  parkId: string | null;
  /** Why the rule fired, for the task's history. */
  reason: string;
}

export interface CancelSpec {
  kind: RuleTaskKind;
  /** null: tasks of this kind with no park. */
  parkId: string | null;
  reason: string;
}

export interface NoteSpec {
  kind: RuleTaskKind;
  parkId: string;
  note: string;
}

export interface RuleOutcome {
  create: TaskSpec[];
  cancel: CancelSpec[];
  notes: NoteSpec[];
}

const top = (result: RuleResult) => result.suggestions[0];
const top3 = (result: RuleResult) => result.suggestions.slice(0, 3).map((s) => s.park.id);

export function followUpRules({ previous, result, changes, priority }: RuleInput): RuleOutcome {
  const create: TaskSpec[] = [];
  const cancel: CancelSpec[] = [];
  const notes: NoteSpec[] = [];
  const first = previous === null;

  if (first) create.push({ kind: 'call_back', parkId: null, reason: `new lead (${priority.reason})` });

  const brochureParks = first ? top3(result) : (changes?.enteredTop3 ?? []);
  for (const parkId of brochureParks) {
    create.push({ kind: 'send_brochure', parkId, reason: first ? 'in the top 3 of the first match' : 'entered the top 3' });
  }

  const best = top(result);
  if (best?.fit === 'strong') {
    const before = previous && top(previous);
    if (!(before && before.park.id === best.park.id && before.fit === 'strong')) {
      create.push({ kind: 'site_visit', parkId: best.park.id, reason: 'the top suggestion is a strong fit' });
    }
  }

  if (!result.hasStrongFit && (first || previous.hasStrongFit)) {
    create.push({ kind: 'review', parkId: null, reason: 'no suggested park is a strong fit' });
  }
  if (result.hasStrongFit && previous && !previous.hasStrongFit) {
    cancel.push({ kind: 'review', parkId: null, reason: 'a strong fit appeared' });
  }

  for (const parkId of changes?.dropped ?? []) {
    for (const kind of ['send_brochure', 'site_visit'] as const) cancel.push({ kind, parkId, reason: `park ${parkId} is no longer suggested` });
  }
  for (const { parkId, carrierId } of changes?.carriersGone ?? []) {
    for (const kind of ['send_brochure', 'site_visit'] as const) notes.push({ kind, parkId, note: `carrier ${carrierId} is no longer suggested at park ${parkId}` });
  }
  return { create, cancel, notes };
}
